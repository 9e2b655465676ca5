// The verification jobs with the REAL verifier (safe fetcher, X oEmbed parsing, decision rules)
// against a local fake oEmbed server: verified and paid, rejected as not found, re-checked after
// a server error, and a post deleted later caught by recheck-live.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../src/clock.js";
import { runRecheckLive } from "../../src/jobs/recheck-live.js";
import { createPostChecker } from "../../src/jobs/verifier-checker.js";
import { runVerifySubmissions } from "../../src/jobs/verify-submissions.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { influencer, mission, participation } from "./seed.js";

describe.each(testProviders())("verification jobs with the real verifier on %s", (provider) => {
  let database: TestDatabase;
  let server: Server;
  let base = "";
  const deleted = new Set<string>();
  beforeEach(async () => {
    database = await createTestDatabase(provider);
    server = createServer((req, res) => {
      const postUrl = new URL(req.url ?? "/", "http://x").searchParams.get("url") ?? "";
      const id = /status\/(\d+)/.exec(postUrl)?.[1] ?? "";
      if (id === "2" || deleted.has(id)) return void res.writeHead(404).end();
      if (id === "3") return void res.writeHead(500).end();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ author_url: "https://twitter.com/ann", html: `<blockquote><p>Spring is here #spring #ad with @acme</p>&mdash; Ann (@ann)</blockquote>` }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await database.destroy();
  });

  it("given submissions whose posts exist, do not exist, or cannot be fetched, then they are verified, rejected, or re-checked; a post deleted later is caught", async () => {
    const clock = new FakeClock("2026-03-02T10:00:00Z");
    const deps = testDeps(database, { OEMBED_X_URL: `${base}/oembed`, FETCH_ALLOW_HOSTS: "127.0.0.1", RECHECK_LIVE_DAYS: "7" }, clock);
    const { checker, close } = createPostChecker(deps.config, deps.log);
    try {
      const ann = await influencer(database.db, { name: "ann" });
      await database.db.socialHandle.create({ data: { influencerId: ann.id, network: "x", handle: "ann" } });
      const m = await mission(database.db, { title: "Spring", deadline: new Date("2026-03-10Z"), points: 30 });
      await database.db.mission.update({ where: { id: m.id }, data: { hashtags: ["#spring"], mentions: ["@acme"] } });
      const p = await participation(database.db, m.id, ann.id, "submitted");
      const sub = (n: number) => database.db.submission.create({ data: { participationId: p.id, missionId: m.id, influencerId: ann.id, url: `https://x.com/ann/status/${n}`, originalUrl: `https://x.com/ann/status/${n}`, network: "x" } });
      const [ok, gone, down] = [await sub(1), await sub(2), await sub(3)];

      expect(await runVerifySubmissions(deps, clock.now(), checker)).toMatchObject({ checked: 3, verified: 1, rejected: 1, retried: 1, pointsAwarded: 30 });
      const get = (id: number) => database.db.submission.findUniqueOrThrow({ where: { id } });
      expect(await get(ok.id)).toMatchObject({ status: "verified", evidence: { exists: "yes", authorSeen: "ann", disclosurePresent: true } });
      expect(await get(gone.id)).toMatchObject({ status: "rejected" });
      expect(await get(down.id)).toMatchObject({ status: "pending", checkAttempts: 1 });

      deleted.add("1");
      clock.advance(7 * DAY + 1);
      expect(await runRecheckLive(deps, clock.now(), checker)).toMatchObject({ checked: 1, removed: 1, policy: "flag", reversed: 0 });
      expect(await get(ok.id)).toMatchObject({ status: "removed" });
    } finally {
      await close();
    }
  });
});
