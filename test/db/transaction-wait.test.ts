// An interactive transaction that has to wait for the database (every pooled PostgreSQL connection
// busy, SQLite's one connection inside another transaction) waits its turn instead of failing. With
// Prisma's default maxWait of 2 s it failed with P2028 "Unable to start a transaction in the given
// time", and in a burst that is an award or a redemption answered with the generic error
// (src/db/client.ts TRANSACTION_MAX_WAIT_MS). The database is kept busy for 3 s by the database
// itself (pg_sleep, an open transaction), longer than the old limit on any machine.
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";

const BUSY_SECONDS = 3;
const POOL_SIZE = 10; // src/db/provider.ts

/** Resolves once `n` sessions of this database are inside pg_sleep (the pool is then all taken). */
async function sleepersSeen(url: string, n: number): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (;;) {
      const r = await admin.query(`SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep%' AND state = 'active' AND pid <> pg_backend_pid()`);
      if (Number(r.rows[0].n) >= n) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await admin.end();
  }
}

describe.each(testProviders())("a transaction waiting for the database on %s", (provider) => {
  let database: TestDatabase;
  afterEach(async () => database?.destroy());

  it("given the database busy for longer than Prisma's default maxWait then the transaction waits its turn and commits", async () => {
    database = await createTestDatabase(provider);
    const db = database.db;
    let busy: Promise<unknown>;
    if (provider === "postgresql") {
      busy = Promise.all(Array.from({ length: POOL_SIZE }, () => db.$queryRawUnsafe(`SELECT 1 AS "slept" FROM pg_sleep(${BUSY_SECONDS})`)));
      await sleepersSeen(database.url.split("?")[0]!, POOL_SIZE);
    } else {
      let opened!: () => void;
      const open = new Promise<void>((r) => (opened = r));
      busy = db.$transaction(async (tx) => {
        await tx.programSetting.create({ data: { key: "holder", value: 1 } });
        opened();
        await new Promise((r) => setTimeout(r, BUSY_SECONDS * 1000));
      });
      await open;
    }
    const waiting = db.$transaction(async (tx) => tx.programSetting.create({ data: { key: "waiter", value: 2 } }));
    await expect(waiting).resolves.toMatchObject({ key: "waiter" });
    await busy;
    expect((await db.programSetting.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((r) => r.key)).toEqual(
      provider === "postgresql" ? ["waiter"] : ["holder", "waiter"],
    );
  });
});
