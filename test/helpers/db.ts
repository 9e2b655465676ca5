// A fresh migrated database for a test file, on SQLite (always) and PostgreSQL (when
// TEST_POSTGRES_URL is set). SQLite: a copy of the run's template file. PostgreSQL: a database
// created from the run's template database (CREATE DATABASE … TEMPLATE is a fast file copy).
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import type { Provider } from "../../src/db/provider.js";
import { withDatabase } from "./global-setup.js";

export type { Provider };

/** The providers this run covers: ["sqlite"] or ["sqlite", "postgresql"]. */
export function testProviders(): Provider[] {
  return inject("postgresTemplate") ? ["sqlite", "postgresql"] : ["sqlite"];
}

export interface TestDatabase extends Database {
  url: string;
  /** closes the client and drops the database */
  destroy(): Promise<void>;
}

/** The URL of a fresh migrated database (without opening it) — for child processes and apps. */
export async function createTestDatabaseUrl(provider: Provider): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "advo-db-"));
    const file = join(dir, "test.db");
    copyFileSync(inject("sqliteTemplate"), file);
    return { url: `file:${file}`, drop: async () => {} };
  }
  const base = inject("postgresBaseUrl");
  const template = inject("postgresTemplate");
  if (!base || !template) throw new Error("PostgreSQL tests need TEST_POSTGRES_URL");
  const name = `advo_${inject("runId")}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  return {
    url: withDatabase(base, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  const { url, drop } = await createTestDatabaseUrl(provider);
  const database = await openDatabase(url);
  return {
    ...database,
    url,
    destroy: async () => {
      await database.close();
      await drop();
    },
  };
}
