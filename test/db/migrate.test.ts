// Migrating is safe to call while the bot holds the database: nothing pending → the schema
// engine is not started at all (it cannot take a SQLite file another process has open).
import { describe, expect, it } from "vitest";
import { migrateDatabase, pendingMigrations } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/client.js";
import { createTestDatabaseUrl, testProviders } from "../helpers/db.js";

describe.each(testProviders())("migrations on %s", (provider) => {
  it("given a migrated database held open by another client then migrate is a no-op and succeeds", async () => {
    const { url, drop } = await createTestDatabaseUrl(provider);
    const holder = await openDatabase(url);
    try {
      await holder.db.influencer.create({ data: {} });
      expect(await pendingMigrations(url)).toEqual([]);
      expect(await migrateDatabase(url)).toEqual([]);
      expect(await holder.db.influencer.count()).toBe(1);
    } finally {
      await holder.close();
      await drop();
    }
  });
});
