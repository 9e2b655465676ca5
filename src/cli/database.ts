// Opening the database for one CLI command. The bot may be running on the same SQLite file, and
// the schema engine cannot apply migrations while another process holds it open; so migrations
// run only when some are pending (a fresh or outdated database), never on every command.
import { existsSync, readdirSync } from "node:fs";
import { openDatabase, type Database } from "../db/client.js";
import { migrateDatabase } from "../db/migrate.js";
import { migrationsDir, providerOf } from "../db/provider.js";

export async function pendingMigrations(database: Database, dir: string): Promise<string[]> {
  const wanted = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
  let applied: string[] = [];
  try {
    const rows = await database.db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    applied = rows.map((r) => r.migration_name);
  } catch {
    return wanted; // no migrations table yet: a fresh database
  }
  return wanted.filter((name) => !applied.includes(name));
}

export async function openMigratedDatabase(url: string): Promise<Database> {
  let database = await openDatabase(url);
  if ((await pendingMigrations(database, migrationsDir(providerOf(url)))).length) {
    await database.close();
    await migrateDatabase(url);
    database = await openDatabase(url);
  }
  return database;
}
