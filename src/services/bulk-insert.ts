// Multi-row INSERT through raw SQL for the few writes of thousands of rows in one go (the cycle
// close). Prisma's createMany costs a fraction of a millisecond of client work per row; one
// parameterized VALUES list per chunk is ~10x faster on both providers. Values are always bound
// parameters, never spliced into the SQL; table and column names come from code, not users.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Debug } from "@prisma/client/runtime/client";
import type { Db } from "../db/client.js";
import type { Provider } from "../db/provider.js";

export interface BulkColumn {
  name: string;
  /** PostgreSQL cast for the parameter, e.g. "jsonb" */
  cast?: string;
}

/** The provider behind a Prisma client (root, extended or transaction client). */
export function clientProvider(db: Db): Provider {
  const p = (db as unknown as { _activeProvider?: string })._activeProvider;
  return p === "postgresql" ? "postgresql" : "sqlite";
}

const MAX_PARAMS = 30_000; // under SQLite's 32,766 and PostgreSQL's 65,535

export async function bulkInsert(
  db: Db,
  provider: Provider,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
  options: { onConflictDoNothing?: string; /** default true; see forgetQueryArguments */ forgetArguments?: boolean } = {},
): Promise<number> {
  if (!rows.length) return 0;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(", ")}) VALUES `;
  const tail = options.onConflictDoNothing ? ` ON CONFLICT ("${options.onConflictDoNothing}") DO NOTHING` : "";
  let inserted = 0;
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    let n = 0;
    const tuples = chunk.map(() =>
      `(${columns.map((c) => (provider === "postgresql" ? `$${++n}${c.cast ? `::${c.cast}` : ""}` : "?")).join(", ")})`,
    );
    inserted += await db.$executeRawUnsafe(head + tuples.join(", ") + tail, ...chunk.flat());
    if (options.forgetArguments !== false) await forgetQueryArguments();
  }
  return inserted;
}

/** The part of @prisma/debug used here: its history of recent debug calls. */
export interface DebugHistory {
  getLogs(numChars?: number): string;
  clearLogs(): void;
}

/**
 * Every copy of @prisma/debug the driver adapters load. npm nests one per adapter version (the
 * SQLite adapter 7.10.0 brings its own driver-adapter-utils and debug beside the root 7.10.1), and
 * each copy keeps its own history, so clearing the root package alone left SQLite's in place.
 * Both builds of each copy (ESM and CommonJS) are separate module instances: both are cleared.
 */
let histories: Promise<DebugHistory[]> | undefined;
export function prismaDebugHistories(): Promise<DebugHistory[]> {
  histories ??= (async () => {
    const here = createRequire(import.meta.url);
    const entries = new Set<string>();
    for (const adapter of ["@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"]) {
      let main: string;
      try {
        const utils = createRequire(here.resolve(adapter)).resolve("@prisma/driver-adapter-utils");
        main = createRequire(utils).resolve("@prisma/debug");
      } catch {
        continue; // adapter not installed
      }
      entries.add(main);
      const esm = main.replace(/\.js$/, ".mjs");
      if (esm !== main && existsSync(esm)) entries.add(esm);
    }
    const out: DebugHistory[] = [];
    for (const entry of entries) out.push(entry.endsWith(".mjs") ? ((await import(pathToFileURL(entry).href)) as DebugHistory) : (here(entry) as DebugHistory));
    return out;
  })();
  return histories;
}

/**
 * @prisma/debug keeps the arguments of the last 100 debug calls in a module array even when
 * debugging is off, and the driver adapters log every query with its parameters
 * (`[js::executeRaw] %O`), so a 100k-row bulk write stayed reachable after it finished (+150 MiB
 * after a 100k broadcast). Emptying the histories after each chunk lets it be collected. The
 * arrays only feed Prisma's own crash reports; DEBUG=prisma:* output is unaffected. Upstream:
 * prisma/prisma "debug: argsHistory retains query arguments" (packages/debug/src/index.ts,
 * MAX_ARGS_HISTORY); no option turns it off in 7.10.
 */
export async function forgetQueryArguments(): Promise<void> {
  for (const history of await prismaDebugHistories()) history.clearLogs();
  // The client runtime bundles one more copy, reachable only through its exported Debug: 100 empty
  // entries push the query out of it (skipped while that namespace prints, i.e. under DEBUG=*).
  if (!Debug.enabled(FLUSH_NAMESPACE)) for (let i = 0; i < DEBUG_HISTORY_LENGTH; i++) flushClientHistory("");
}

const FLUSH_NAMESPACE = "advo:forget-query-arguments";
const DEBUG_HISTORY_LENGTH = 100; // @prisma/debug's MAX_ARGS_HISTORY
const flushClientHistory = Debug(FLUSH_NAMESPACE);
