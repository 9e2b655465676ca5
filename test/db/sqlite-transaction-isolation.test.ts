// A write made outside a transaction while another caller's interactive transaction is open must not
// be undone when that transaction rolls back. @prisma/adapter-better-sqlite3 runs both on its one
// connection, so without src/db/sqlite-serialized.ts the outside row is reported written and then lost.
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

describe("SQLite: a transaction that rolls back", () => {
  let database: TestDatabase;
  afterEach(async () => database?.destroy());

  it("given a write outside it while it is open, then that write survives the rollback and the transaction's own write does not", async () => {
    database = await createTestDatabase("sqlite");
    const db = database.db;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const tx = db
      .$transaction(async (t) => {
        await t.programSetting.create({ data: { key: "inside", value: 1 } });
        inside();
        await gate;
        throw new Error("refused");
      })
      .then(() => "committed", (e: Error) => e.message);
    await started;
    const outside = db.programSetting.create({ data: { key: "outside", value: 2 } }).then(() => "written");
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await tx).toBe("refused");
    expect(await outside).toBe("written");
    expect((await db.programSetting.findMany({ select: { key: true } })).map((r) => r.key)).toEqual(["outside"]);
  });
});
