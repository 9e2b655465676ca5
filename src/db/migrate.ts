// Applies the committed migrations of the active provider; records them in _prisma_migrations
// exactly like `prisma migrate deploy`, so the native CLI stays usable on the same database.
// The schema engine is started only when migrations are pending: it cannot take the SQLite file
// while another process (the running bot) holds it, and most runs have nothing to apply.
import { existsSync, readdirSync } from "node:fs";
import { AppError } from "../errors.js";
import { openDatabase, type Database } from "./client.js";
import { adapterFactory, migrationsDir, providerOf } from "./provider.js";

/** Migration folders not yet recorded as applied (all of them on a fresh database). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const database = await openDatabase(url);
  try {
    return await pendingOn(database);
  } finally {
    await database.close();
  }
}

/** The same, on a database already open (the CLI checks with the client it then uses). */
export async function pendingOn(database: Database): Promise<string[]> {
  const dir = migrationsDir(database.provider);
  const wanted = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  try {
    const rows = await database.db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return wanted.filter((name) => !applied.has(name));
  } catch {
    return wanted; // no migrations table yet
  }
}

export async function migrateDatabase(url: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  if ((await pendingMigrations(url)).length === 0) return [];
  const provider = providerOf(url);
  // Loaded only when there is something to apply: most runs (every CLI command) have nothing.
  const { NO_FILTERS, openSchemaEngine, readMigrations } = await import("./schema-engine.js");
  const { engine, close } = await openSchemaEngine(await adapterFactory(url), undefined, log);
  try {
    const migrationsList = await readMigrations(migrationsDir(provider));
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  } catch (cause) {
    throw new AppError("db.migration_failed", `applying ${provider} migrations failed`, { cause });
  } finally {
    await close();
  }
}
