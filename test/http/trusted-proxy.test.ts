// TRUST_PROXY over real HTTP: behind a trusted proxy the unique-visitor hash uses the address the
// proxy forwarded for (two visitors behind one proxy are two uniques), never an entry the visitor
// could write themselves; with TRUST_PROXY off the header is never read. Plus the pure rule and
// the setting's validation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";
import { testDeps } from "../helpers/deps.js";
import { HttpServer } from "../../src/http/server.js";
import { trackingRoutes } from "../../src/http/tracking.js";
import { AfterResponse } from "../../src/http/after-response.js";
import { silentLogger } from "../../src/logger.js";
import { parseConfig } from "../../src/config.js";
import { clientAddress } from "../../src/domain/client-address.js";
import { createTrackingLink } from "../../src/services/tracking.js";
import { MANAGER, managerConfig } from "../services/manage/fixtures.js";

describe("the client address behind trusted proxies", () => {
  it("given a chain then the address that many hops back is the client, and invalid or absent entries fall back to the peer", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.7", 0)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7"); // the forged left entry is ignored
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.9", 2)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.2", "203.0.113.7", 5)).toBe("203.0.113.7"); // fewer hops than trusted: the leftmost
    expect(clientAddress("::ffff:10.0.0.2", "[2001:db8::1]:4711", 1)).toBe("2001:db8::1");
    expect(clientAddress("::ffff:10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "not-an-ip", 1)).toBe("10.0.0.2");
  });
  it("given TRUST_PROXY values then off/empty is 0, a hop count is kept, anything else is refused by name", () => {
    const env = { NODE_ENV: "test" };
    expect(parseConfig(env).TRUST_PROXY).toBe(0);
    expect(parseConfig({ ...env, TRUST_PROXY: "off" }).TRUST_PROXY).toBe(0);
    expect(parseConfig({ ...env, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    for (const bad of ["yes", "-1", "11", "1.5"]) expect(() => parseConfig({ ...env, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
  });
});

describe("unique visitors over real HTTP", () => {
  let t: TestDatabase;
  const servers: Array<{ http: HttpServer; after: AfterResponse }> = [];
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    for (const s of servers) {
      await s.http.close();
      await s.after.drain();
    }
    await t?.destroy();
  });

  async function visitsFrom(trustProxy: string, forwardedFor: string[]): Promise<Array<string | null>> {
    const config = { ...managerConfig, PUBLIC_URL: "https://advo.example", TRUST_PROXY: trustProxy };
    const deps = testDeps(t, config);
    const http = new HttpServer(silentLogger);
    const after = new AfterResponse(silentLogger);
    servers.push({ http, after });
    http.mount(trackingRoutes({ ...deps, after }));
    const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
    const link = await createTrackingLink(deps, MANAGER, { targetUrl: "https://shop.example/p" });
    if (!link.ok) throw new Error(link.error);
    for (const xff of forwardedFor) {
      const res = await fetch(`${base}/t/${link.value.code}`, { redirect: "manual", headers: { "user-agent": "Mozilla/5.0 same browser", "x-forwarded-for": xff } });
      expect(res.status).toBe(302);
    }
    await after.drain();
    const clicks = await t.db.click.findMany({ where: { trackingLink: { code: link.value.code } }, orderBy: { id: "asc" } });
    expect(clicks).toHaveLength(forwardedFor.length);
    return clicks.map((c) => c.visitorHash);
  }

  it("given one trusted proxy then two visitors it forwards for are two uniques, and a forged left entry changes nothing", async () => {
    const [a, b, forged] = await visitsFrom("1", ["203.0.113.7", "198.51.100.4", "6.6.6.6, 203.0.113.7"]);
    expect(a).not.toBe(b);
    expect(forged).toBe(a);
  });

  it("given TRUST_PROXY off then the header is never read: every visit is the proxy's one address", async () => {
    const hashes = await visitsFrom("off", ["203.0.113.7", "198.51.100.4"]);
    expect(new Set(hashes).size).toBe(1);
  });
});
