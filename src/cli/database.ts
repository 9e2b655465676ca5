// Opening the database for one CLI command. migrateDatabase starts the schema engine only when
// migrations are pending, so this is safe beside a bot running on the same SQLite file.
import { openDatabase, type Database } from "../db/client.js";
import { migrateDatabase } from "../db/migrate.js";

export async function openMigratedDatabase(url: string): Promise<Database> {
  await migrateDatabase(url);
  return openDatabase(url);
}
