// Shared by the tests that compare a rollup or an indexed read with plain code over random rows:
// a seeded random source (the same rows on every run and on both databases) and the statements of
// a hand-written migration's "-- Backfill" section, so a test can empty a rollup and rebuild it
// exactly as the migration did.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The statements between "-- Backfill" and the next "-- Create…" comment of the provider's migration named *_<suffix>. */
export function backfillStatements(provider: string, suffix: string): string[] {
  const dir = join("prisma", provider, "migrations");
  const name = readdirSync(dir).find((d) => d.endsWith(`_${suffix}`));
  if (!name) throw new Error(`no migration *_${suffix} in ${dir}`);
  const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
  const section = /-- Backfill\n([\s\S]*?)\n-- Create/.exec(sql)?.[1] ?? "";
  return section.split(";").map((s) => s.trim()).filter(Boolean);
}
