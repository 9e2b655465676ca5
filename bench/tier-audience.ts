// Tier-restricted mission audience (issue 21): audience() for a segment listing Silver and Gold
// (the people, their preferred accounts and ONE grouped query of tier points) against the same
// audience without the tier filter (the baseline: what every announcement already pays), and
// against the straightforward per-person way (tierOf for each person in a loop) on a sample.
// On SQLite and PostgreSQL; the number of database operations is printed with each figure.
// BENCH_INFLUENCERS (default 20,000), BENCH_SAMPLE (default 500), BENCH_REPEAT (default 5).
import { cpus, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { FakeClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import { openDatabase, type Db } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { silentLogger } from "../src/logger.js";
import { bulkInsert } from "../src/services/bulk-insert.js";
import { audience } from "../src/services/audience.js";
import { tierOf } from "../src/services/tiers.js";
import { readSegment } from "../src/domain/segment.js";
import { medianMs, onEachDatabase } from "./lib/databases.js";

const INFLUENCERS = Number(process.env.BENCH_INFLUENCERS ?? 20_000);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 500);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const CHUNK = 5000;

async function seed(db: Db, provider: Parameters<typeof bulkInsert>[1]): Promise<void> {
  const cycle = await db.cycle.create({ data: { name: "2026-Q1", startsAt: new Date("2026-01-01"), endsAt: new Date("2026-04-01") } });
  const now = new Date("2026-01-15T00:00:00Z");
  const cols = (...names: string[]) => names.map((name) => ({ name, ...(name === "interests" || name === "tags" ? { cast: "jsonb" } : {}) }));
  for (let start = 1; start <= INFLUENCERS; start += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, INFLUENCERS - start + 1) }, (_, i) => start + i);
    await bulkInsert(db, provider, "Influencer", cols("id", "status", "displayName", "locale", "interests", "tags", "onboardingStartedAt", "createdAt", "updatedAt"),
      ids.map((id) => [id, "active", `b${id}`, "en", "[]", "[]", now, now, now]));
    await bulkInsert(db, provider, "PlatformAccount", cols("influencerId", "platform", "externalId", "chatId", "createdAt", "updatedAt"),
      ids.map((id) => [id, "telegram", `u${id}`, `c${id}`, now, now]));
    // Three earning entries and one redemption each: 0 to 2,000 points, so all three default tiers are held.
    const entries = ids.flatMap((id) => [0, 1, 2, 3].map((k) =>
      k === 3 ? [id, cycle.id, -50, "redemption", `bench:${id}:${k}`, now] : [id, cycle.id, (id * 37 + k * 101) % 700, "mission", `bench:${id}:${k}`, now]));
    await bulkInsert(db, provider, "LedgerEntry", cols("influencerId", "cycleId", "amount", "kind", "idempotencyKey", "createdAt"), entries);
  }
}

async function runOn(label: string, url: string): Promise<void> {
  await migrateDatabase(url);
  const database = await openDatabase(url);
  try {
    await seed(database.db, database.provider);
    let operations = 0;
    const counted = database.db.$extends({ query: { $allOperations: ({ args, query }) => { operations++; return query(args); } } }) as unknown as Db;
    const deps = { db: counted, clock: new FakeClock("2026-02-01T00:00:00Z"), log: silentLogger, config: testConfig() };
    const ops = async (fn: () => Promise<unknown>) => {
      operations = 0;
      await fn();
      return operations;
    };
    const everyone = readSegment({});
    const silverGold = readSegment({ tiers: ["silver", "gold"] });
    const reached = (await audience(deps, { segment: silverGold })).length;
    const base = await medianMs(() => audience(deps, { segment: everyone }), REPEAT);
    const tiered = await medianMs(() => audience(deps, { segment: silverGold }), REPEAT);
    console.log(`${label}: audience of ${INFLUENCERS} for Silver+Gold (${reached} reached) ${tiered.toFixed(0)} ms, ${await ops(() => audience(deps, { segment: silverGold }))} operations, ` +
      `vs no tier filter ${base.toFixed(0)} ms, ${await ops(() => audience(deps, { segment: everyone }))} operations (×${(tiered / base).toFixed(2)})`);

    const ids = Array.from({ length: SAMPLE }, (_, i) => i + 1);
    const grouped = await medianMs(() => audience(deps, { segment: silverGold, influencerIds: ids }), REPEAT);
    const loop = await medianMs(async () => { for (const id of ids) await tierOf(deps, id); }, Math.max(1, Math.floor(REPEAT / 2)));
    console.log(`${label}: ${SAMPLE} people — grouped audience ${grouped.toFixed(1)} ms vs tierOf per person in a loop ${loop.toFixed(0)} ms ` +
      `(${await ops(async () => { for (const id of ids) await tierOf(deps, id); })} operations; grouped is ×${(loop / grouped).toFixed(1)} faster)`);
  } finally {
    await database.close();
  }
}

export default async function bench(): Promise<void> {
  console.log(`${INFLUENCERS} influencers × 4 ledger entries; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`);
  await onEachDatabase("tier-audience", runOn);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bench();
