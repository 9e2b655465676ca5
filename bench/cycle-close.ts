// Cycle close benchmark: a cycle of 100,000 influencers (each with a reachable account) holding
// 1,000,000 ledger entries, closed with a bonus table and a capped rollover — on SQLite and on
// PostgreSQL (TEST_POSTGRES_URL, else postgresql://postgres@127.0.0.1:5432/postgres; a
// throwaway database is created and dropped). Prints the close time and the number of database
// operations it issued. BENCH_INFLUENCERS / BENCH_ENTRIES_PER_INFLUENCER scale it.
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { FakeClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import { openDatabase, type Db } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { silentLogger } from "../src/logger.js";
import { closeCycle, setCycleSettings } from "../src/services/cycles.js";
import { bulkInsert } from "../src/services/bulk-insert.js";
import type { Provider } from "../src/db/provider.js";

const INFLUENCERS = Number(process.env.BENCH_INFLUENCERS ?? 100_000);
const PER = Number(process.env.BENCH_ENTRIES_PER_INFLUENCER ?? 10);
const CHUNK = 5000;
const PG_BASE = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** Seeding through multi-row INSERTs (the same helper the close uses) keeps set-up to seconds. */
async function seed(db: Db, provider: Provider): Promise<number> {
  const cycle = await db.cycle.create({ data: { name: "2026-Q1", startsAt: new Date("2026-01-01"), endsAt: new Date("2026-04-01") } });
  const now = new Date("2026-01-15T00:00:00Z");
  const cols = (...names: string[]) => names.map((name) => ({ name, ...(name === "interests" || name === "tags" ? { cast: "jsonb" } : {}) }));
  for (let start = 1; start <= INFLUENCERS; start += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, INFLUENCERS - start + 1) }, (_, i) => start + i);
    await bulkInsert(db, provider, "Influencer", cols("id", "status", "displayName", "locale", "interests", "tags", "onboardingStartedAt", "createdAt", "updatedAt"),
      ids.map((id) => [id, "active", `b${id}`, ["en", "es", "fr", "it"][id % 4]!, "[]", "[]", now, now, now]));
    await bulkInsert(db, provider, "PlatformAccount", cols("influencerId", "platform", "externalId", "chatId", "createdAt", "updatedAt"),
      ids.map((id) => [id, "telegram", `u${id}`, `c${id}`, now, now]));
    const entries = ids.flatMap((id) => Array.from({ length: PER }, (_, k) =>
      k === PER - 1
        ? [id, cycle.id, -5, "redemption", `bench:${id}:${k}`, now]
        : [id, cycle.id, ((id * 7 + k * 13) % 50) + 1, "mission", `bench:${id}:${k}`, now]));
    await bulkInsert(db, provider, "LedgerEntry", cols("influencerId", "cycleId", "amount", "kind", "idempotencyKey", "createdAt"), entries);
  }
  return cycle.id;
}

async function runOn(label: string, url: string): Promise<void> {
  await migrateDatabase(url);
  const database = await openDatabase(url);
  try {
    const t0 = performance.now();
    const cycleId = await seed(database.db, database.provider);
    const seedSeconds = (performance.now() - t0) / 1000;
    let operations = 0;
    const counted = database.db.$extends({ query: { $allOperations: ({ args, query }) => { operations++; return query(args); } } }) as unknown as Db;
    const deps = { db: counted, clock: new FakeClock("2026-04-01T00:05:00Z"), log: silentLogger, config: testConfig() };
    await setCycleSettings(deps, "operator", { bonuses: [500, 300, 100], expiry: { policy: "rollover", cap: 100 } });
    operations = 0;
    const t1 = performance.now();
    const r = await closeCycle(deps, "system");
    const closeSeconds = (performance.now() - t1) / 1000;
    if (!r.ok) throw new Error(`close failed: ${r.error}`);
    const standings = await database.db.cycleStanding.count({ where: { cycleId } });
    console.log(`${label}: seeded ${INFLUENCERS} influencers / ${INFLUENCERS * PER} entries in ${seedSeconds.toFixed(1)} s; ` +
      `closeCycle ${closeSeconds.toFixed(2)} s, ${operations} database operations, ${standings} standings, ` +
      `${r.value.notified} notices, ${r.value.expired} points expired, ${r.value.rolledOver} rolled over`);
  } finally {
    await database.close();
  }
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "advo-bench-cycle-"));
  try {
    await runOn("sqlite", `file:${join(dir, "bench.db")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const name = `advo_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  try {
    await admin.connect();
  } catch (e) {
    console.log(`postgresql: skipped (${(e as Error).message})`);
    return;
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(PG_BASE);
    url.pathname = `/${name}`;
    await runOn("postgresql", url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bench();
