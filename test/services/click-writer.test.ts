// The clicks' group commit on a real database: clicks arriving in the same few turns of the event
// loop, or while an insert is in flight, share one insert; every add resolves only once its row is committed; a refused row costs only itself;
// the queue stays bounded (back-pressure, nothing dropped).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { silentLogger } from "../../src/logger.js";
import { ClickWriter } from "../../src/services/click-writer.js";

describe.each(testProviders())("click group commit on %s", (provider) => {
  let t: TestDatabase;
  let linkId = 0;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
    linkId = (await t.db.trackingLink.create({ data: { code: `CW${provider.length}`, targetUrl: "https://shop.example/" } })).id;
  });
  afterAll(async () => t?.destroy());

  const row = (clickId: string) => ({ trackingLinkId: linkId, clickId, visitorHash: "h", userAgent: "ua", preview: false, country: null, at: new Date() });
  const count = (prefix: string) => t.db.click.count({ where: { clickId: { startsWith: prefix } } });

  it("given 300 clicks at once then they are all committed when their adds resolve, in one insert", async () => {
    const w = new ClickWriter(t.db, silentLogger);
    await Promise.all(Array.from({ length: 300 }, (_, i) => w.add(row(`burst-${i}`))));
    expect(await count("burst-")).toBe(300);
    expect(w.inserts).toBe(1); // the first waits a turn of the event loop for the others
  });

  it("given clicks arriving over a few turns of the event loop then they share an insert, and a lone click is still written", async () => {
    const w = new ClickWriter(t.db, silentLogger);
    const adds: Promise<void>[] = [];
    for (let turn = 0; turn < 4; turn++) {
      adds.push(w.add(row(`turns-${turn}-a`)), w.add(row(`turns-${turn}-b`)));
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(adds);
    expect(await count("turns-")).toBe(8);
    expect(w.inserts).toBe(1);
    await w.add(row("alone"));
    expect(await count("alone")).toBe(1);
    expect(w.inserts).toBe(2);
  });

  it("given a row the database refuses in a batch then only that add fails and the others are written", async () => {
    await t.db.click.create({ data: row("taken") });
    const w = new ClickWriter(t.db, silentLogger);
    const results = await Promise.allSettled(["first", "a", "taken", "b"].map((id) => w.add(row(`${id === "taken" ? "" : "mixed-"}${id}`))));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(await count("mixed-")).toBe(3);
  });

  it("given a bound of 10 then at most 10 wait at any time and every click is still written", async () => {
    const w = new ClickWriter(t.db, silentLogger, 10);
    let most = 0;
    const adds = Array.from({ length: 60 }, (_, i) => {
      const p = w.add(row(`bounded-${i}`));
      most = Math.max(most, w.waiting);
      return p;
    });
    await Promise.all(adds);
    expect(most).toBeLessThanOrEqual(10);
    expect(await count("bounded-")).toBe(60);
    expect(w.inserts).toBeGreaterThan(2);
  });
});
