// Bench helpers. onEachDatabase runs a bench on a fresh SQLite file and on a throwaway PostgreSQL database (TEST_POSTGRES_URL,
// else postgresql://postgres@127.0.0.1:5432/postgres), both removed afterwards; PostgreSQL is
// skipped with a line saying why when it cannot be reached.
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const PG_BASE = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export async function onEachDatabase(name: string, run: (label: "sqlite" | "postgresql", url: string) => Promise<void>): Promise<void> {
  // BENCH_PROVIDERS (default "sqlite,postgresql") picks the databases.
  const providers = (process.env.BENCH_PROVIDERS ?? "sqlite,postgresql").split(",").map((p) => p.trim());
  if (providers.includes("sqlite")) {
    const dir = mkdtempSync(join(tmpdir(), `advo-bench-${name}-`));
    try {
      await run("sqlite", `file:${join(dir, "bench.db")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!providers.includes("postgresql")) return;
  const database = `advo_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  try {
    await admin.connect();
  } catch (e) {
    console.log(`postgresql: skipped (${(e as Error).message})`);
    return;
  }
  await admin.query(`CREATE DATABASE "${database}"`);
  try {
    const url = new URL(PG_BASE);
    url.pathname = `/${database}`;
    await run("postgresql", url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

/** The median of `repeat` timed runs (ms), after one warm-up run. */
export async function medianMs(fn: () => Promise<unknown>, repeat: number): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? NaN;
}
