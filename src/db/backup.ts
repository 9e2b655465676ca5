// Backups and restores of the whole database (`advo db backup|restore`). SQLite: the driver's
// online backup API (better-sqlite3 `backup()`), consistent while the bot keeps writing.
// PostgreSQL: pg_dump / pg_restore in the custom format, which must be installed (same major
// version as the server or newer); without them the command says so instead of half-working.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import type { Db } from "./client.js";
import { postgresSchema, providerOf, sqlitePath, type Provider } from "./provider.js";

/** The part of better-sqlite3 used here (the package ships no types; it comes with the Prisma adapter). */
interface SqliteHandle {
  backup(destination: string): Promise<unknown>;
  prepare(sql: string): { get(): unknown };
  close(): void;
}
type SqliteOpen = new (path: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteHandle;
const openSqlite = (): SqliteOpen => createRequire(import.meta.url)("better-sqlite3") as SqliteOpen;

export type BackupOutcome =
  | { ok: true; provider: Provider; file: string; bytes: number }
  | { ok: false; error: "manage.db.tool_missing"; params: { tool: string } }
  | { ok: false; error: "manage.db.failed"; params: { reason: string } }
  | { ok: false; error: "manage.db.not_a_backup"; params: { path: string } };

/** Tables holding the program's data (the migrations table does not count). */
export async function tablesWithRows(db: Db, provider: Provider): Promise<string[]> {
  const tables =
    provider === "sqlite"
      ? // type 'table' leaves out the directory's FTS5 search tables ('virtual') and their 'shadow' tables, which hold rows even when empty
        await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
      : await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
        );
  const filled: string[] = [];
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "${name.replace(/"/g, '""')}" LIMIT 1`);
    if (rows.length) filled.push(name);
  }
  return filled.sort();
}

export async function backupDatabase(url: string, file: string): Promise<BackupOutcome> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const Sqlite = openSqlite();
    const source = new Sqlite(sqlitePath(url), { readonly: true, fileMustExist: true });
    try {
      await source.backup(file);
    } catch (e) {
      return { ok: false, error: "manage.db.failed", params: { reason: (e as Error).message } };
    } finally {
      source.close();
    }
  } else {
    const r = runTool("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`, ...schemaArgs(url), libpqUrl(url)]);
    if (!r.ok) return r;
  }
  return { ok: true, provider, file, bytes: statSync(file).size };
}

/** Replaces the database's content with the backup's (the caller checked it may). */
export async function restoreDatabase(url: string, file: string): Promise<BackupOutcome> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const Sqlite = openSqlite();
    let backup: SqliteHandle;
    try {
      backup = new Sqlite(file, { readonly: true, fileMustExist: true });
      backup.prepare(`SELECT count(*) FROM "_prisma_migrations"`).get();
    } catch {
      return { ok: false, error: "manage.db.not_a_backup", params: { path: file } };
    }
    try {
      // The backup API copies every page into the live database file under its lock: readers
      // see either the old or the whole restored database, never a mix.
      await backup.backup(sqlitePath(url));
    } catch (e) {
      return { ok: false, error: "manage.db.failed", params: { reason: (e as Error).message } };
    } finally {
      backup.close();
    }
  } else {
    const listed = runTool("pg_restore", ["--list", file]);
    if (!listed.ok) return listed.error === "manage.db.tool_missing" ? listed : { ok: false, error: "manage.db.not_a_backup", params: { path: file } };
    const r = runTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", `--dbname=${libpqUrl(url)}`, file]);
    if (!r.ok) return r;
  }
  return { ok: true, provider, file, bytes: statSync(file).size };
}

export function backupFileExists(file: string): boolean {
  return existsSync(file);
}

/** libpq refuses parameters it does not know: `?schema=` is Advo's (see postgresSchema). */
function libpqUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.delete("schema");
  return u.toString();
}

function schemaArgs(url: string): string[] {
  const schema = postgresSchema(url);
  return schema ? [`--schema=${schema}`] : [];
}

function runTool(tool: string, args: string[]): { ok: true } | Extract<BackupOutcome, { ok: false }> {
  const r = spawnSync(tool, args, { encoding: "utf8" });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return { ok: false, error: "manage.db.tool_missing", params: { tool } };
  if (r.status !== 0) return { ok: false, error: "manage.db.failed", params: { reason: (r.stderr || r.error?.message || `${tool} exit ${r.status}`).trim().split("\n").slice(-3).join(" ") } };
  return { ok: true };
}
