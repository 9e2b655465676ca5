// A bulk write leaves nothing of its parameters behind (issue 20, memory): Prisma's debug module
// keeps the arguments of its last 100 calls in every copy (the client runtime's bundled one and
// each driver adapter's), which kept a 100k-recipient broadcast reachable (+150 MiB) after it ended.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";
import { enqueue, type OutboxItem } from "../../src/services/outbox.js";
import { prismaDebugHistories } from "../../src/services/bulk-insert.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapMiB = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

// ~2 KiB of text per row, so 6,000 rows pass ~12 MiB of parameters through the client.
const filler = "x".repeat(2048);
const items = (tag: string, n: number): OutboxItem[] => Array.from({ length: n }, (_, i) => ({
  platform: "telegram", recipient: String(i), purpose: "test.bulk", dedupeKey: `${tag}:${i}`,
  payload: { kind: "i18n", messageId: "core.error.generic", params: { note: `${filler}${tag}${i}` } },
}));

describe.each(testProviders())("bulk writes on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.destroy());

  it("given a bulk enqueue then no debug history of the adapters still holds its parameters", async () => {
    const histories = await prismaDebugHistories();
    expect(histories.length).toBeGreaterThan(0);
    await enqueue(t.db, items("marker-hist", 50));
    for (const h of histories) expect(h.getLogs(1_000_000)).not.toContain("marker-hist");
  });

  it("given 6,000 rows of ~2 KiB enqueued then the heap after GC is back within 4 MiB of before", async () => {
    await enqueue(t.db, items("warm", 200)); // first-use code and caches out of the figure
    const before = heapMiB();
    let batch: OutboxItem[] | null = items("big", 6000);
    expect(await enqueue(t.db, batch)).toBe(6000);
    batch = null;
    const retained = heapMiB() - before;
    // Without the workaround this retains the ~12 MiB of parameters (several copies of them).
    expect(retained).toBeLessThan(4);
  });
});
