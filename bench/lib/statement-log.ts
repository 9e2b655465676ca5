// Counts (and optionally records) every SQL statement the SQLite driver adapter runs, including
// the BEGIN and COMMIT of transactions, by wrapping the adapter that PrismaBetterSqlite3 connects.
// Install before the database is opened. Used by the engine bench to print statements per command.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

export interface StatementLog {
  /** the SQL of every statement since the last reset() */
  readonly statements: string[];
  reset(): void;
}

type Query = { sql: string };
type Queryable = { queryRaw(q: Query): Promise<unknown>; executeRaw(q: Query): Promise<unknown> };
type Adapter = Queryable & { startTransaction(level?: string): Promise<Queryable & { commit(): Promise<void>; rollback(): Promise<void> }> };

export function logSqliteStatements(): StatementLog {
  const statements: string[] = [];
  const wrap = <T extends Queryable>(q: T): T => {
    const queryRaw = q.queryRaw.bind(q);
    const executeRaw = q.executeRaw.bind(q);
    q.queryRaw = (query) => (statements.push(query.sql), queryRaw(query));
    q.executeRaw = (query) => (statements.push(query.sql), executeRaw(query));
    return q;
  };
  const proto = PrismaBetterSqlite3.prototype as unknown as { connect(): Promise<Adapter> };
  const connect = proto.connect;
  proto.connect = async function (this: unknown) {
    const adapter = wrap(await connect.call(this));
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (level) => {
      statements.push("BEGIN");
      return wrap(await start(level));
    };
    return adapter;
  };
  return { statements, reset: () => void (statements.length = 0) };
}
