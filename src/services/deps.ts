// What every service needs. Passed explicitly (no globals) so tests can swap the clock.
import type { Db } from "../db/client.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { AppConfig } from "../config.js";
import type { MetricsHooks } from "../metrics-hooks.js";

export interface Deps {
  db: Db;
  clock: Clock;
  log: Logger;
  config: AppConfig;
  /** counters at the boundaries (src/metrics.ts); absent in most tests */
  metrics?: MetricsHooks | undefined;
}

/** Prisma's unique-constraint violation, across providers and adapters. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { kind?: string; originalCode?: string }; message?: string } | undefined;
  if (!e) return false;
  if (e.code === "P2002") return true;
  if (e.cause?.kind === "UniqueConstraintViolation") return true;
  return /Unique constraint failed|UNIQUE constraint failed|duplicate key value/i.test(e.message ?? "");
}

/** Runs fn in chunks so huge IN lists and batches stay under driver parameter limits. */
export async function inChunks<T>(items: T[], size: number, fn: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}
