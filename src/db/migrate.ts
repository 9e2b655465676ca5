// Applies the committed migrations of the active provider; records them in _prisma_migrations
// exactly like `prisma migrate deploy`, so the native CLI stays usable on the same database.
import { AppError } from "../errors.js";
import { adapterFactory, migrationsDir, providerOf } from "./provider.js";
import { NO_FILTERS, openSchemaEngine, readMigrations } from "./schema-engine.js";

export async function migrateDatabase(url: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  const provider = providerOf(url);
  const { engine, close } = await openSchemaEngine(adapterFactory(url), undefined, log);
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
