// Prisma client factory. One generated client per provider; both expose the same model API,
// so the rest of the code is typed against one of them (`Db`). Only the provider's own client is
// loaded (each is a large module with its query compiler): CLI start-up, issue 18.
import type { PrismaClient as SqliteClient } from "./generated/sqlite/client.js";
import { adapterFactory, providerOf, type Provider } from "./provider.js";

export type Db = SqliteClient;
export type { Provider };

export interface Database {
  readonly db: Db;
  readonly provider: Provider;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * How long an interactive transaction may wait to start. Prisma's default, 2 s, made a burst fail
 * exactly the writes that matter, while plain statements wait as long as it takes: on PostgreSQL a
 * transaction waits for one of the pool's 10 connections behind every queued statement (P2028
 * "Unable to start a transaction in the given time" for 166 of 200 concurrent awards; with 10 s,
 * 741 of 1,000; each sender got the generic error), and on SQLite it waits for the one connection
 * behind an open transaction (sqlite-serialized.ts). A burst's queue is not a fault: wait it out.
 * A running transaction stays capped by Prisma's 5 s timeout. test/db/transaction-wait.test.ts.
 */
export const TRANSACTION_MAX_WAIT_MS = 30_000;

export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  const adapter = await adapterFactory(url);
  const transactionOptions = { maxWait: TRANSACTION_MAX_WAIT_MS };
  const db =
    provider === "postgresql"
      ? (new (await import("./generated/postgresql/client.js")).PrismaClient({ adapter, transactionOptions }) as unknown as Db)
      : new (await import("./generated/sqlite/client.js")).PrismaClient({ adapter, transactionOptions });
  if (provider === "sqlite") {
    // WAL lets readers run beside the single writer; busy_timeout makes writers queue instead of failing.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
    // In WAL mode NORMAL is crash-safe for the application (only an OS crash or power loss can
    // lose the last commits) and removes an fsync per commit — the engine's main cost.
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    // Page cache up to 32 MB (default 2 MB, grown only as pages are read): the report's grouped
    // reads over a 1M-click program otherwise re-read the same pages from the OS on every run.
    await db.$queryRawUnsafe("PRAGMA cache_size = -32768");
  }
  return {
    db,
    provider,
    async ping() {
      try {
        await db.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.$disconnect(),
  };
}
