// Runs once per `vitest run`: migrates a template SQLite file, and (when TEST_POSTGRES_URL is
// set) a template PostgreSQL database. Each test file then gets its own copy (see db.ts), so
// migrations run once per run, not once per file. Everything is dropped at the end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { migrateDatabase } from "../../src/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    postgresTemplate: string | null;
    postgresBaseUrl: string | null;
    runId: string;
  }
}

export function withDatabase(baseUrl: string, database: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), "advo-test-"));
  const sqliteTemplate = join(dir, "template.db");
  await migrateDatabase(`file:${sqliteTemplate}`);
  project.provide("sqliteTemplate", sqliteTemplate);
  project.provide("runId", runId);

  const base = process.env.TEST_POSTGRES_URL || null;
  let template: string | null = null;
  if (base) {
    template = `advo_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: base });
    try {
      await admin.connect();
    } catch (err) {
      throw new Error(`TEST_POSTGRES_URL is set but PostgreSQL is unreachable: ${(err as Error).message}`);
    }
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.end();
    await migrateDatabase(withDatabase(base, template));
  }
  project.provide("postgresTemplate", template);
  project.provide("postgresBaseUrl", base);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (base) {
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`advo_%${runId}%`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    }
  };
}
