// Opening the database for one CLI command. migrateDatabase starts the schema engine only when
// migrations are pending, so this is safe beside a bot running on the same SQLite file.
import { openDatabase, type Database } from "../db/client.js";
import { migrateDatabase, pendingOn } from "../db/migrate.js";

/** One client for the check and the command (a Prisma client costs a second of start-up under load). */
export async function openMigratedDatabase(url: string): Promise<Database> {
  const database = await openDatabase(url);
  if ((await pendingOn(database)).length === 0) return database;
  await database.close();
  await migrateDatabase(url);
  return openDatabase(url);
}
