// Prisma client factory. One generated client per provider; both expose the same model API,
// so the rest of the code is typed against one of them (`Db`).
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.js";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.js";
import { adapterFactory, providerOf, type Provider } from "./provider.js";

export type Db = SqliteClient;
export type { Provider };

export interface Database {
  readonly db: Db;
  readonly provider: Provider;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  const adapter = adapterFactory(url);
  const db =
    provider === "postgresql"
      ? (new PostgresClient({ adapter }) as unknown as Db)
      : new SqliteClient({ adapter });
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
