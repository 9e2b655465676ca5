// SQLite out of space (PRAGMA max_page_count caps the file): a write that does not fit fails with
// SQLite's own code (SQLITE_FULL), changes nothing (the batch is all-or-nothing, the file passes
// integrity_check), and the same write succeeds exactly once when space is back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { paragraph } from "../../src/engine/message.js";
import { enqueueFor, seedInfluencers } from "../delivery/seed.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

describe("SQLite out of space", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterEach(async () => database.destroy());

  const pages = async () => Number((await database.db.$queryRawUnsafe<{ page_count: number | bigint }[]>("PRAGMA page_count"))[0]!.page_count);

  it("given a full database, then a broadcast enqueue fails with SQLITE_FULL, leaves no partial rows, and succeeds once space is back", async () => {
    const people = await seedInfluencers(database.db, 300);
    const payload = { kind: "message" as const, message: { blocks: [paragraph("x".repeat(2000))] } };
    // Room for almost nothing more: the 300 rows of ~2 kB cannot fit.
    await database.db.$queryRawUnsafe(`PRAGMA max_page_count = ${(await pages()) + 2}`);
    const error = await enqueueFor(database.db, people, "mission.announce", payload, "telegram", "full").then(() => undefined, (e: unknown) => e);
    expect(error).toBeDefined();
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error)) + String(error)).toMatch(/SQLITE_FULL|database or disk is full/i);

    expect(await database.db.outboxMessage.count()).toBe(0);
    const check = await database.db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    expect(check).toEqual([{ integrity_check: "ok" }]);
    // Reads still work while full.
    expect(await database.db.influencer.count()).toBe(300);

    await database.db.$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    expect(await enqueueFor(database.db, people, "mission.announce", payload, "telegram", "full")).toBe(300);
    expect(await enqueueFor(database.db, people, "mission.announce", payload, "telegram", "full")).toBe(0);
    expect(await database.db.outboxMessage.count()).toBe(300);
  });
});
