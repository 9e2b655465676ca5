// Standings, cycle close and memory benchmark: a cycle of 100,000 influencers (each with a
// reachable account) holding 1,000,000 ledger entries — on SQLite and on PostgreSQL
// (TEST_POSTGRES_URL, else postgresql://postgres@127.0.0.1:5432/postgres; a throwaway database is
// created and dropped). Each figure is printed with its baseline from the same run:
// - leaderboard top-10 + own rank (the last-ranked person) vs one raw window query over the ledger;
// - closeCycle (bonus table, capped rollover, notices) vs plain set-based SQL doing the same writes
//   (standings, expiry, rollover and one notice per ranked person, four INSERT … SELECT) in one
//   COMMITTED transaction, run first on the same data and undone after (untimed). Also printed:
//   the older baseline of the three INSERTs without notices, rolled back (so it never paid the
//   commit, which at 100k people is the largest single cost of the close on SQLite);
// - heap after a 100,000-recipient broadcast (audience + enqueue), after GC, vs the idle heap, and
//   what the same bulk writes retain without the Prisma debug-history workaround.
// BENCH_INFLUENCERS / BENCH_ENTRIES_PER_INFLUENCER / BENCH_REPEAT scale it; BENCH_PROVIDERS
// (default "sqlite,postgresql") picks the databases (a 100k PostgreSQL run takes minutes under load).
import { cpus, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { FakeClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import { openDatabase, type Db } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { silentLogger } from "../src/logger.js";
import { closeCycle, setCycleSettings } from "../src/services/cycles.js";
import { bulkInsert } from "../src/services/bulk-insert.js";
import { backfillCycleScores, boardSql, leaderboard, topScores } from "../src/services/leaderboard.js";
import { currentCycle } from "../src/services/ledger.js";
import { audience } from "../src/services/audience.js";
import { enqueue } from "../src/services/outbox.js";
import { rankStandings } from "../src/domain/cycle-close.js";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Provider } from "../src/db/provider.js";
import { medianMs, onEachDatabase } from "./lib/databases.js";

const INFLUENCERS = Number(process.env.BENCH_INFLUENCERS ?? 100_000);
const PER = Number(process.env.BENCH_ENTRIES_PER_INFLUENCER ?? 10);
const CHUNK = 5000;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);

/** Seeding through multi-row INSERTs (the same helper the close uses) keeps set-up to seconds. */
export async function seed(db: Db, provider: Provider): Promise<number> {
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
  await backfillCycleScores(db); // the seed wrote the ledger around appendEntry
  // PostgreSQL: the statistics autovacuum gathers within a minute of a bulk load. Without them the
  // planner takes the fresh 100k-row tables for empty ones: the baseline's notice INSERT (a
  // correlated MIN per person) ran over 7 minutes before it was stopped.
  if (provider === "postgresql") await db.$executeRawUnsafe("ANALYZE");
  return cycle.id;
}

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapMiB = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const median = (fn: () => Promise<unknown>) => medianMs(fn, REPEAT);

/** The honest baseline of a live board: one window query over the cycle's ledger (top 10 + one person). */
function windowQuery(provider: Provider, cycleId: number, who: number): string {
  const ranked = `SELECT "influencerId", earned, ROW_NUMBER() OVER (ORDER BY earned DESC, last ASC, "influencerId" ASC) AS rank FROM (
      SELECT "influencerId", SUM("amount") AS earned, MAX("id") AS last FROM "LedgerEntry"
      WHERE "cycleId" = ${cycleId} AND "kind" IN ('mission', 'adjustment') GROUP BY "influencerId") t WHERE earned > 0`;
  void provider;
  return `SELECT * FROM (${ranked}) r WHERE rank <= 10 OR "influencerId" = ${who}`;
}

/** The same three writes as the close, as plain SQL (no standings table read, no notices). */
async function plainSetBased(db: Db, provider: Provider, cycleId: number, nextId: number): Promise<void> {
  const least = provider === "postgresql" ? "LEAST" : "MIN";
  await db.$executeRawUnsafe(`INSERT INTO "CycleStanding" ("cycleId", "influencerId", "rank", "points", "bonus")
    SELECT ${cycleId}, "influencerId", rank, earned, CASE rank WHEN 1 THEN 500 WHEN 2 THEN 300 WHEN 3 THEN 100 ELSE 0 END FROM (
      SELECT "influencerId", earned, ROW_NUMBER() OVER (ORDER BY earned DESC, last ASC, "influencerId" ASC) AS rank FROM (
        SELECT "influencerId", SUM("amount") AS earned, MAX("id") AS last FROM "LedgerEntry"
        WHERE "cycleId" = ${cycleId} AND "kind" IN ('mission', 'adjustment') GROUP BY "influencerId") t WHERE earned > 0) r`);
  await db.$executeRawUnsafe(`INSERT INTO "LedgerEntry" ("influencerId", "cycleId", "amount", "kind", "idempotencyKey", "createdAt")
    SELECT "influencerId", ${cycleId}, -SUM("amount"), 'expiry', 'x:' || CAST("influencerId" AS TEXT), CURRENT_TIMESTAMP FROM "LedgerEntry"
    WHERE "cycleId" = ${cycleId} GROUP BY "influencerId" HAVING SUM("amount") > 0`);
  await db.$executeRawUnsafe(`INSERT INTO "LedgerEntry" ("influencerId", "cycleId", "amount", "kind", "idempotencyKey", "createdAt")
    SELECT "influencerId", ${nextId}, ${least}(-"amount", 100), 'rollover', 'r:' || CAST("influencerId" AS TEXT), CURRENT_TIMESTAMP FROM "LedgerEntry"
    WHERE "cycleId" = ${cycleId} AND "kind" = 'expiry'`);
}

/** The notice of each ranked, reachable person as plain SQL (one account each, a JSON payload). */
async function plainNotices(db: Db, provider: Provider, cycleId: number): Promise<void> {
  const obj = provider === "postgresql" ? "jsonb_build_object" : "json_object";
  await db.$executeRawUnsafe(`INSERT INTO "OutboxMessage" ("platform", "recipient", "influencerId", "purpose", "payload", "dedupeKey", "notBefore", "createdAt")
    SELECT a."platform", COALESCE(a."chatId", a."externalId"), st."influencerId", 'bench.closed',
           ${obj}('kind', 'i18n', 'messageId', 'manage.cycle.closed_notice', 'params', ${obj}('rank', st."rank", 'points', st."points", 'bonus', st."bonus")),
           'bench:closed:' || CAST(st."influencerId" AS TEXT), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
    FROM "CycleStanding" st JOIN "PlatformAccount" a ON a."id" = (SELECT MIN(b."id") FROM "PlatformAccount" b WHERE b."influencerId" = st."influencerId")
    WHERE st."cycleId" = ${cycleId}`);
}

/**
 * SQLite (WAL): the commit that crosses the auto-checkpoint threshold copies EVERY page waiting in
 * the log, including pages written before it (the seed, the undone baseline). Checkpoint before
 * each timed run so each pays for its own writes only.
 */
async function settle(db: Db, provider: Provider): Promise<void> {
  if (provider === "sqlite") await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}

/** Undoes the committed baseline (untimed) so the close runs on the seeded data. */
async function undoBaseline(db: Db, cycleId: number, nextId: number): Promise<void> {
  await db.$executeRawUnsafe(`DELETE FROM "OutboxMessage" WHERE "purpose" = 'bench.closed'`);
  await db.$executeRawUnsafe(`DELETE FROM "LedgerEntry" WHERE ("cycleId" = ${cycleId} AND "kind" = 'expiry') OR "cycleId" = ${nextId}`);
  await db.$executeRawUnsafe(`DELETE FROM "CycleStanding" WHERE "cycleId" = ${cycleId}`);
  await db.cycle.delete({ where: { id: nextId } });
}

class Rollback extends Error {}

/** The leaderboard as main computed it before this change (be7089a): every total into Node, sorted there. */
async function mainsLeaderboard(db: Db, cycleId: number, who: number) {
  const earned = await db.ledgerEntry.groupBy({
    by: ["influencerId"],
    where: { cycleId, kind: { in: ["mission", "adjustment"] }, influencer: { deletedAt: null, status: { notIn: ["deleted", "left"] } } },
    _sum: { amount: true }, _max: { id: true },
  });
  const ranked = rankStandings(earned.map((e) => ({ influencerId: e.influencerId, earned: e._sum.amount ?? 0, lastEntryId: e._max.id ?? 0 })).filter((r) => r.earned > 0), []);
  return { top: ranked.slice(0, 10), own: ranked.find((s) => s.influencerId === who) };
}

/** The live board as it was before it became one statement (7162c31^): four round trips, the ties counted with an OR. */
async function previousLeaderboard(db: Db, provider: Provider, who: number) {
  const cycle = await currentCycle(db, new FakeClock("2026-03-01T00:00:00Z"));
  const [c, w] = provider === "postgresql" ? ["$1", "$2"] : ["?", "?"];
  const [top, own] = await Promise.all([
    topScores(db, cycle.id, 10),
    db.$queryRawUnsafe<{ points: number }[]>(`SELECT me."earned" AS "points",
       (SELECT SUM(b."people") FROM "CycleScoreBucket" b WHERE b."cycleId" = me."cycleId" AND b."earned" > me."earned") AS "above",
       (SELECT COUNT(*) FROM "CycleScore" s WHERE s."cycleId" = me."cycleId" AND s."earned" = me."earned"
          AND (s."lastEntryId" < me."lastEntryId" OR (s."lastEntryId" = me."lastEntryId" AND s."influencerId" < me."influencerId"))) AS "ties",
       (SELECT SUM(b."people") FROM "CycleScoreBucket" b WHERE b."cycleId" = me."cycleId" AND b."earned" > 0) AS "total"
     FROM "CycleScore" me WHERE me."cycleId" = ${c} AND me."influencerId" = ${w}`, cycle.id, who),
  ]);
  const name = top.some((r) => r.influencerId === who) ? null : await db.influencer.findUnique({ where: { id: who }, select: { displayName: true } });
  return { top, own, name };
}

async function runOn(label: string, url: string): Promise<void> {
  await migrateDatabase(url);
  const database = await openDatabase(url);
  try {
    const t0 = performance.now();
    const cycleId = await seed(database.db, database.provider);
    const seedSeconds = (performance.now() - t0) / 1000;
    const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
    let operations = 0;
    const counted = database.db.$extends({ query: { $allOperations: ({ args, query }) => { operations++; return query(args); } } }) as unknown as Db;
    const deps = { db: counted, clock: new FakeClock("2026-03-01T00:00:00Z"), log: silentLogger, config: testConfig() };

    const last = INFLUENCERS; // somewhere in the ranking; the own-rank count covers the range ahead of them
    const board = await median(() => leaderboard(deps, last));
    const raw = await median(() => database.db.$queryRawUnsafe(windowQuery(database.provider, cycleId, last)));
    const before = await median(() => mainsLeaderboard(database.db, cycleId, last));
    const previous = await median(() => previousLeaderboard(database.db, database.provider, last));
    if (process.env.BENCH_EXPLAIN === "1") {
      const explain = database.provider === "postgresql" ? "EXPLAIN (ANALYZE, BUFFERS)" : "EXPLAIN QUERY PLAN";
      const plan = await database.db.$queryRawUnsafe<Record<string, unknown>[]>(`${explain} ${boardSql(database.db, true)}`, 10, last);
      console.log(`${label}: the board's plan\n${plan.map((r) => `  ${String(r["QUERY PLAN"] ?? r.detail)}`).join("\n")}`);
    }
    // The floor of any read through the client on this machine right now: one trivial round trip.
    const roundTrip = await median(() => database.db.$queryRawUnsafe("SELECT 1"));
    console.log(`${label}: leaderboard top-10 + own rank ${fmt(board)} vs raw window query ${fmt(raw)} (×${(board / raw).toFixed(3)}); ` +
      `main's (be7089a) grouped read + sort in Node ${fmt(before)} (×${(before / raw).toFixed(2)}); ` +
      `the live board before it became one statement ${fmt(previous)} (×${(previous / raw).toFixed(3)}); ` +
      `one round trip through Prisma (SELECT 1) ${fmt(roundTrip)}, so the board costs ×${(board / roundTrip).toFixed(1)} of it`);

    await setCycleSettings(deps, "operator", { bonuses: [500, 300, 100], expiry: { policy: "rollover", cap: 100 } });
    const next = await database.db.cycle.create({ data: { name: "baseline-next", startsAt: new Date("2030-01-01"), endsAt: new Date("2030-04-01") } });
    const tr = performance.now();
    await database.db.$transaction(async (tx) => {
      await plainSetBased(tx as unknown as Db, database.provider, cycleId, next.id);
      throw new Rollback();
    }, { timeout: 30 * 60_000 }).catch((e: unknown) => { if (!(e instanceof Rollback)) throw e; });
    const rolledBack = (performance.now() - tr) / 1000;
    await settle(database.db, database.provider);
    const tb = performance.now();
    await database.db.$transaction(async (tx) => {
      await plainSetBased(tx as unknown as Db, database.provider, cycleId, next.id);
      await plainNotices(tx as unknown as Db, database.provider, cycleId);
    }, { timeout: 30 * 60_000 });
    const baseline = (performance.now() - tb) / 1000;
    await undoBaseline(database.db, cycleId, next.id);

    deps.clock.set("2026-04-01T00:05:00Z");
    await settle(database.db, database.provider);
    operations = 0;
    const t1 = performance.now();
    const r = await closeCycle(deps, "system");
    const closeSeconds = (performance.now() - t1) / 1000;
    if (!r.ok) throw new Error(`close failed: ${r.error}`);
    const standings = await database.db.cycleStanding.count({ where: { cycleId } });
    console.log(`${label}: seeded ${INFLUENCERS} influencers / ${INFLUENCERS * PER} entries in ${seedSeconds.toFixed(1)} s; ` +
      `closeCycle ${closeSeconds.toFixed(2)} s vs plain set-based SQL doing the same writes, committed ${baseline.toFixed(2)} s (×${(closeSeconds / baseline).toFixed(2)}, goal ≤ ×1.5)` +
      ` [older baseline: 3 INSERTs without notices, rolled back ${rolledBack.toFixed(2)} s (×${(closeSeconds / rolledBack).toFixed(2)})], ` +
      `${operations} database operations, ${standings} standings, ` +
      `${r.value.notified} notices, ${r.value.expired} points expired, ${r.value.rolledOver} rolled over`);

    // Memory: a broadcast to everyone (the audience read + one enqueue), then GC.
    const idle = heapMiB();
    const people = await audience(deps);
    await enqueue(database.db, people.map((p) => ({
      platform: p.platform, recipient: p.recipient, influencerId: p.influencerId, purpose: "bench.broadcast", dedupeKey: `bench:b:${p.influencerId}`,
      payload: { kind: "i18n" as const, messageId: "jobs.reminder.deadline48", params: { title: "Spring launch", deadline: "2026-03-04 02:00 UTC" } },
    })));
    const recipients = people.length;
    people.length = 0;
    const after = heapMiB();
    // The same bulk writes straight through the client, without the workaround (the old behaviour).
    const rows = Array.from({ length: recipients }, (_, i) => ["console", `c${i}`, null, "bench.raw", null, "{}", `bench:raw:${i}`, new Date(), new Date()]);
    const per = 3000;
    for (let s0 = 0; s0 < rows.length; s0 += per) {
      const chunk = rows.slice(s0, s0 + per);
      let n = 0;
      const pg = database.provider === "postgresql";
      const tuples = chunk.map(() => `(${Array.from({ length: 9 }, (_, k) => (pg ? `$${++n}${k === 5 ? "::jsonb" : ""}` : "?")).join(", ")})`);
      await database.db.$executeRawUnsafe(`INSERT INTO "OutboxMessage" ("platform", "recipient", "influencerId", "purpose", "batchKey", "payload", "dedupeKey", "notBefore", "createdAt") VALUES ${tuples.join(", ")}`, ...chunk.flat());
    }
    rows.length = 0;
    const unpatched = heapMiB();
    console.log(`${label}: heap after a ${recipients}-recipient broadcast, after GC: +${(after - idle).toFixed(1)} MiB over idle ${idle.toFixed(1)} MiB; ` +
      `the same bulk writes without clearing Prisma's debug history retain +${(unpatched - idle).toFixed(1)} MiB`);
  } finally {
    await database.close();
  }
}

export default async function bench(): Promise<void> {
  console.log(`${INFLUENCERS} influencers × ${PER} ledger entries; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`);
  await onEachDatabase("cycle", runOn);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bench();
