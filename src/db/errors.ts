// The database's own error code behind whatever wraps it, so a fault says what happened
// ("SQLITE_FULL", "DatabaseNotReachable", "57P01", "P1017") instead of "internal". Prisma 7 with a
// driver adapter wraps the driver's error as `meta.driverAdapterError.cause` on a known request
// error; raw queries and the adapters themselves can throw the DriverAdapterError directly.

interface AdapterCause {
  originalCode?: unknown;
  code?: unknown;
  kind?: unknown;
}

const LABEL = /^[A-Za-z0-9_]{1,40}$/;

function adapterCause(err: Record<string, unknown>): AdapterCause | undefined {
  const meta = err.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined;
  if (meta?.driverAdapterError?.cause) return meta.driverAdapterError.cause;
  if (err.name === "DriverAdapterError" && err.cause && typeof err.cause === "object") return err.cause as AdapterCause;
  return undefined;
}

function usable(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && LABEL.test(value) ? value : undefined;
}

/**
 * The code of a database error — the driver's own code when there is one (SQLite's `SQLITE_FULL`,
 * PostgreSQL's SQLSTATE, a socket code), else the adapter's kind, else Prisma's `P…` code —
 * or undefined when `err` is not a database error. Always a short label (safe as a metric label).
 */
export function databaseErrorCode(err: unknown): string | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as Record<string, unknown>;
  const name = typeof e.name === "string" ? e.name : "";
  const prismaCode = typeof e.code === "string" && /^P\d{4}$/.test(e.code) ? e.code : undefined;
  const isPrisma = name.startsWith("PrismaClient") || name === "DriverAdapterError" || prismaCode !== undefined;
  if (!isPrisma) return undefined;
  const cause = adapterCause(e);
  return usable(cause?.originalCode) ?? usable(cause?.code) ?? usable(cause?.kind) ?? prismaCode ?? (usable(e.errorCode) ?? "database");
}
