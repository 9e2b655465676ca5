// DATABASE_URL picks the engine: file:… → SQLite (embedded default), postgres(ql)://… → PostgreSQL.
import { serializedSqlite } from "./sqlite-serialized.js";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { fileURLToPath } from "node:url";

export type Provider = "sqlite" | "postgresql";

/** The directory holding package.json and prisma/: the same from src/db (tsx) and dist/src/db (built). */
export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, "package.json")) && existsSync(resolve(dir, "prisma"))) return dir;
    if (dirname(dir) === dir) return resolve(from, "../..");
  }
}

export function providerOf(url: string): Provider {
  return url.startsWith("postgres://") || url.startsWith("postgresql://") ? "postgresql" : "sqlite";
}

/** file:./data/advo.db → absolute path (relative paths are relative to the project root). */
export function sqlitePath(url: string): string {
  const raw = url.replace(/^file:/, "").split("?")[0] ?? "";
  if (raw === ":memory:") return raw;
  return isAbsolute(raw) ? raw : resolve(projectRoot, raw);
}

/** PostgreSQL schema named by ?schema=… (used by tests for throwaway schemas). */
export function postgresSchema(url: string): string | undefined {
  return new URL(url).searchParams.get("schema") ?? undefined;
}

/**
 * The provider's driver adapter. Imported here, on use, not at the top: this module is loaded by
 * every process (env.ts reads projectRoot), and `pg` or better-sqlite3 that the database does not
 * use cost CLI start-up time (issue 18).
 */
export async function adapterFactory(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (providerOf(url) === "postgresql") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const schema = postgresSchema(url);
    const u = new URL(url);
    u.searchParams.delete("schema");
    return new PrismaPg(
      { connectionString: u.toString(), max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) },
      schema ? { schema } : undefined,
    );
  }
  const path = sqlitePath(url);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  return serializedSqlite(new PrismaBetterSqlite3({ url: path, timeout: 10_000 }));
}

export function migrationsDir(provider: Provider): string {
  return resolve(projectRoot, "prisma", provider, "migrations");
}

export function schemaFile(provider: Provider): string {
  return resolve(projectRoot, "prisma", provider, "schema.prisma");
}
