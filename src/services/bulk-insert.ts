// Multi-row INSERT through raw SQL for the few writes of thousands of rows in one go (the cycle
// close). Prisma's createMany costs a fraction of a millisecond of client work per row; one
// parameterized VALUES list per chunk is ~10x faster on both providers. Values are always bound
// parameters, never spliced into the SQL; table and column names come from code, not users.
import { clearLogs } from "@prisma/debug";
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
  options: { onConflictDoNothing?: string } = {},
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
    forgetQueryArguments();
  }
  return inserted;
}

/**
 * @prisma/debug keeps the arguments of the last 100 debug calls in a module array even when
 * debugging is off, and the PostgreSQL driver adapter logs every query with its parameters
 * (`[js::query_raw] %O`), so a 100k-row bulk write stayed reachable after it finished (about
 * +150 MiB after a 100k broadcast). Emptying the history after each chunk lets it be collected.
 * The array only feeds Prisma's own crash reports; DEBUG=prisma:* output is unaffected.
 */
export function forgetQueryArguments(): void {
  clearLogs();
}
