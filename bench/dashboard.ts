// Dashboard benchmark (issue 14): a program of 100,000 influencers, 1,000,000 ledger entries and
// 1,000,000 clicks, on SQLite and on PostgreSQL (TEST_POSTGRES_URL, else
// postgresql://postgres@127.0.0.1:5432/postgres; a throwaway database is created and dropped).
// Seeding is set-based SQL (INSERT … SELECT over a generated series), then the click rollup job
// runs as it would have in production. Over real HTTP with a signed-in admin session it measures:
// - the overview page (figures, funnel, points and clicks per day, top influencers, networks) —
//   goal < 300 ms; baseline: a bare COUNT(*) over the clicks;
// - the missions table (per-mission figures of every mission); baseline: a bare COUNT(*) over the ledger;
// - a directory search by name — goal < 100 ms; baseline: a bare COUNT(*) over the influencers;
// - the CSV export of every influencer, streamed — goal < 5 s with flat memory: heap before, the
//   peak sampled while it streams, and after; baseline: reading the same rows in pages of 1,000.
// BENCH_SCALE (default 0.1: 10,000 / 100,000 / 100,000) scales it; BENCH_SCALE=1 is the full size.
// BENCH_REPEAT (default 10) requests per median, BENCH_WARM_UP (default 10) overview requests
// before its median. BENCH_DB=<url> measures a kept database instead (seeded if empty).
import { pathToFileURL } from "node:url";
import { FakeClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import { openDatabase, type Db } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import type { Provider } from "../src/db/provider.js";
import { HttpServer } from "../src/http/server.js";
import { silentLogger } from "../src/logger.js";
import { nextUtcDay, rollUpClicks } from "../src/services/click-rollup.js";
import { dailyPointsAndClicks } from "../src/reports/daily-figures.js";
import { currentCycle } from "../src/services/ledger.js";
import { backfillCycleScores } from "../src/services/leaderboard.js";
import { dashboardRoutes } from "../src/web/routes.js";
import { medianMs, onEachDatabase } from "./lib/databases.js";
import { directoryWhere } from "../src/web/directory.js";
import { createSignInLink, redeemSignInLink } from "../src/web/sessions.js";

const SCALE = Number(process.env.BENCH_SCALE ?? 0.1);
const INFLUENCERS = Math.round(100_000 * SCALE);
const LEDGER = Math.round(1_000_000 * SCALE);
const CLICKS = Math.round(1_000_000 * SCALE);
const MISSIONS = 50;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);
const CYCLE_START = Date.UTC(2026, 9, 1); // 2026-10-01
export const NOW = new Date("2026-12-07T12:00:00Z");
const SPAN_S = Math.floor((NOW.getTime() - CYCLE_START) / 1000) - 3600; // rows spread over the cycle so far

/** SQL for one provider: a generated series 1..n as `s(n)`, a time `seconds` after the cycle's start, a boolean, JSON. */
function dialect(provider: Provider) {
  const pgsql = provider === "postgresql";
  return {
    series: (n: number) => (pgsql ? `generate_series(1::bigint, ${n}) AS s(n)` : `(WITH RECURSIVE q(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM q WHERE n < ${n}) SELECT n FROM q) s`),
    // SQLite stores Prisma's DateTime as ISO 8601 text with +00:00 (the adapter's format).
    at: (seconds: string) => (pgsql ? `(TIMESTAMP '2026-10-01 00:00:00' + (${seconds}) * INTERVAL '1 second')` : `strftime('%Y-%m-%dT%H:%M:%S', ${CYCLE_START / 1000} + (${seconds}), 'unixepoch') || '.000+00:00'`),
    bool: (expr: string) => (pgsql ? `(${expr})` : `CASE WHEN ${expr} THEN 1 ELSE 0 END`),
    json: (text: string) => (pgsql ? `'${text}'::jsonb` : `'${text}'`),
  };
}

export async function seed(db: Db, provider: Provider): Promise<void> {
  const d = dialect(provider);
  const cycle = await db.cycle.create({ data: { name: "2026-Q4", startsAt: new Date(CYCLE_START), endsAt: new Date("2027-01-01T00:00:00Z") } });
  // Each statement's time is printed (BENCH_VERBOSE=1), so a slow seed shows which table.
  const run = async (sql: string) => {
    const t0 = performance.now();
    const n = await db.$executeRawUnsafe(sql);
    if (process.env.BENCH_VERBOSE) console.log(`  ${provider}: ${(performance.now() - t0).toFixed(0)} ms  ${sql.trim().slice(0, 60).replace(/\s+/g, " ")}`);
    return n;
  };
  const now = d.at("0");
  await run(`INSERT INTO "Influencer" ("id", "status", "displayName", "locale", "interests", "tags", "createdAt", "updatedAt", "activatedAt")
    SELECT n, CASE WHEN n % 10 = 0 THEN 'onboarding' ELSE 'active' END, 'Person ' || n, CASE n % 4 WHEN 0 THEN 'en' WHEN 1 THEN 'es' WHEN 2 THEN 'fr' ELSE 'it' END,
      ${d.json("[]")}, ${d.json("[]")}, ${now}, ${now}, CASE WHEN n % 10 = 0 THEN NULL ELSE ${now} END FROM ${d.series(INFLUENCERS)}`);
  await run(`INSERT INTO "SocialHandle" ("influencerId", "network", "handle", "createdAt")
    SELECT n, CASE n % 3 WHEN 0 THEN 'instagram' WHEN 1 THEN 'tiktok' ELSE 'youtube' END, 'handle' || n, ${now} FROM ${d.series(INFLUENCERS)}`);
  // The list columns are written out: their SQLite column default is an empty string (the Prisma
  // client always sends its own "[]"), which no JSON reader accepts (`advo mission list` failed).
  await run(`INSERT INTO "Mission" ("id", "title", "brief", "points", "deadline", "segment", "dos", "donts", "hashtags", "mentions", "networks", "status", "createdAt", "updatedAt", "publishedAt")
    SELECT n, 'Mission ' || n, 'brief', 50, ${d.at(`${SPAN_S} + 30 * 86400`)}, ${d.json("{}")}, ${d.json("[]")}, ${d.json("[]")}, ${d.json("[]")}, ${d.json("[]")}, ${d.json("[]")}, 'published', ${now}, ${now}, ${now} FROM ${d.series(MISSIONS)}`);
  // One participation, submission and tracking link per influencer, each on one of the missions.
  await run(`INSERT INTO "Participation" ("id", "missionId", "influencerId", "status", "acceptedAt", "createdAt", "updatedAt")
    SELECT n, (n % ${MISSIONS}) + 1, n, 'submitted', ${d.at(`(n * 7919) % ${SPAN_S}`)}, ${now}, ${now} FROM ${d.series(INFLUENCERS)}`);
  await run(`INSERT INTO "Submission" ("id", "participationId", "missionId", "influencerId", "url", "originalUrl", "network", "status", "evidence", "createdAt", "updatedAt")
    SELECT n, n, (n % ${MISSIONS}) + 1, n, 'https://instagram.com/p/b' || n, 'https://instagram.com/p/b' || n, 'instagram',
      CASE WHEN n % 50 = 0 THEN 'needs_review' ELSE 'approved' END, ${d.json("{}")}, ${d.at(`(n * 7919) % ${SPAN_S}`)}, ${now} FROM ${d.series(INFLUENCERS)}`);
  await run(`INSERT INTO "TrackingLink" ("id", "code", "missionId", "influencerId", "targetUrl", "createdAt")
    SELECT n, 'L' || n, (n % ${MISSIONS}) + 1, n, 'https://shop.example/', ${now} FROM ${d.series(INFLUENCERS)}`);
  // The ledger: 6 in 10 entries for approved posts (reference submission:<id>), the rest adjustments, bonuses, redemptions.
  await run(`INSERT INTO "LedgerEntry" ("influencerId", "cycleId", "amount", "kind", "reference", "idempotencyKey", "createdAt")
    SELECT (n % ${INFLUENCERS}) + 1, ${cycle.id}, CASE WHEN n % 10 = 9 THEN -20 ELSE (n % 50) + 1 END,
      CASE WHEN n % 10 < 6 THEN 'mission' WHEN n % 10 < 8 THEN 'adjustment' WHEN n % 10 = 8 THEN 'bonus' ELSE 'redemption' END,
      CASE WHEN n % 10 < 6 THEN 'submission:' || ((n % ${INFLUENCERS}) + 1) ELSE NULL END, 'bench:' || n, ${d.at(`(n * 104729) % ${SPAN_S}`)} FROM ${d.series(LEDGER)}`);
  await run(`INSERT INTO "Click" ("trackingLinkId", "visitorHash", "at", "preview")
    SELECT (n % ${INFLUENCERS}) + 1, 'v' || (n % 7), ${d.at(`(n * 15485863) % ${SPAN_S}`)}, ${d.bool("n % 20 = 0")} FROM ${d.series(CLICKS)}`);
  const t0 = performance.now();
  await backfillCycleScores(db); // the live standings appendEntry keeps (the seed wrote the ledger around it)
  if (provider === "postgresql") {
    for (const table of ["Influencer", "Mission", "Participation", "Submission", "TrackingLink"]) await run(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`);
    await run("ANALYZE");
  } else await run("ANALYZE");
  if (process.env.BENCH_VERBOSE) console.log(`  ${provider}: ${(performance.now() - t0).toFixed(0)} ms  standings backfill, sequences, ANALYZE`);
}

const median = (fn: () => Promise<unknown>) => medianMs(fn, REPEAT);
/** requests before the overview's median: enough for a pool's connections to open and warm */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 10);

const heapMiB = () => process.memoryUsage().heapUsed / 2 ** 20;
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

async function runOn(label: string, url: string): Promise<void> {
  await migrateDatabase(url);
  const database = await openDatabase(url);
  const http = new HttpServer(silentLogger);
  try {
    if ((await database.db.influencer.count()) === 0) {
      const t0 = performance.now();
      await seed(database.db, database.provider);
      const seeded = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const rolled = await rollUpClicks(database.db, NOW);
      const rollup = (performance.now() - t1) / 1000;
      console.log(`${label}: seeded ${INFLUENCERS} influencers, ${LEDGER} ledger entries, ${CLICKS} clicks in ${seeded.toFixed(1)} s (set-based SQL); click rollup of ${rolled.days} days ${rollup.toFixed(1)} s`);
    } else console.log(`${label}: kept database, already seeded`);

    const deps = { db: database.db, clock: new FakeClock(NOW), log: silentLogger, config: testConfig({ MANAGERS: "slack:UBENCH" }) };
    http.mount(dashboardRoutes(deps));
    const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
    deps.config.PUBLIC_URL = base;
    const link = (await createSignInLink(deps, "slack:UBENCH"))!;
    const cookie = `advo_session=${(await redeemSignInLink(deps, link.split("/").pop()!))!.cookie}`;
    const get = async (path: string) => {
      // a reused keep-alive connection the server just closed resets under heavy load: one retry, said
      const res = await fetch(`${base}${path}`, { headers: { cookie } }).catch((e: unknown) => {
        console.log(`${label}: ${path} retried once after ${String((e as { cause?: unknown }).cause ?? e)}`);
        return fetch(`${base}${path}`, { headers: { cookie } });
      });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return res.text();
    };

    // The first requests open the database's connections one at a time as the page's reads ask for
    // them, and each new connection starts with cold caches (PostgreSQL: catalog and plan caches, on
    // a pool of several): the cold first request is printed, and the median is taken once warm.
    const cold = performance.now();
    await get("/dashboard");
    const first = performance.now() - cold;
    for (let i = 0; i < WARM_UP; i++) await get("/dashboard");
    const overview = await median(() => get("/dashboard"));
    const countClicks = await median(() => database.db.$queryRawUnsafe(`SELECT COUNT(*) AS n FROM "Click"`));
    console.log(`${label}: overview page ${fmt(overview)} (goal < 300 ms) vs bare COUNT(*) over ${CLICKS} clicks ${fmt(countClicks)} (×${(overview / countClicks).toFixed(1)}); the cold first request ${fmt(first)}`);
    // the former points-per-day chart alone (the ledger itself: a window 1 ms off the day bounds is not read from LedgerDaily)
    const cycle = await currentCycle(database.db, deps.clock);
    const formerChart = await median(() => dailyPointsAndClicks(database.db, { from: new Date(cycle.startsAt.getTime() + 1), to: nextUtcDay(NOW) }, cycle.id));
    console.log(`${label}: former points-per-day chart read from the ledger alone ${fmt(formerChart)} (overview page ×${(overview / formerChart).toFixed(2)} of it)`);

    const missions = await median(() => get("/dashboard/missions"));
    const countLedger = await median(() => database.db.$queryRawUnsafe(`SELECT COUNT(*) AS n FROM "LedgerEntry"`));
    console.log(`${label}: missions page ${fmt(missions)} vs bare COUNT(*) over ${LEDGER} ledger entries ${fmt(countLedger)} (×${(missions / countLedger).toFixed(1)})`);

    const who = Math.max(1, Math.floor(INFLUENCERS * 0.4242));
    const search = await median(() => get(`/dashboard/influencers?q=${encodeURIComponent(`Person ${who}`)}`));
    const byHandle = await median(() => get(`/dashboard/influencers?q=${encodeURIComponent(`@handle${who}`)}`));
    const filtered = await median(() => get("/dashboard/influencers?status=active&network=tiktok&language=fr&page=3"));
    const countPeople = await median(() => database.db.$queryRawUnsafe(`SELECT COUNT(*) AS n FROM "Influencer"`));
    // The former search (directoryWhere through Prisma, as the page read it before the search indexes), same page and count.
    const formerWhere = directoryWhere(database.db, { q: `Person ${who}`, page: 1 });
    const former = await median(() => Promise.all([
      database.db.influencer.findMany({ where: formerWhere, orderBy: { id: "asc" }, take: 50, include: { handles: { select: { network: true, handle: true } } } }),
      database.db.influencer.count({ where: formerWhere }),
    ]));
    console.log(`${label}: directory search by name ${fmt(search)}, by @handle ${fmt(byHandle)}, filtered page 3 ${fmt(filtered)} (goal < 100 ms) ` +
      `vs bare COUNT(*) over ${INFLUENCERS} influencers ${fmt(countPeople)} (×${(search / countPeople).toFixed(1)}, ×${(byHandle / countPeople).toFixed(1)}, ×${(filtered / countPeople).toFixed(1)}); ` +
      `the former search's queries alone (Prisma, no index) ${fmt(former)} (the whole page by name is ×${(search / former).toFixed(2)} of them)`);

    // The export: streamed to this client, which only counts bytes; the heap is sampled while it runs.
    global.gc?.();
    const before = heapMiB();
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, heapMiB()); }, 20);
    const t2 = performance.now();
    const res = await fetch(`${base}/dashboard/export/influencers.csv`, { headers: { cookie } });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    const exportMs = performance.now() - t2;
    clearInterval(sampler);
    global.gc?.();
    const after = heapMiB();
    const t3 = performance.now();
    for (let cursor = 0; ;) {
      const page = await database.db.influencer.findMany({ where: { id: { gt: cursor }, deletedAt: null }, orderBy: { id: "asc" }, take: 1000, include: { handles: true } });
      if (!page.length) break;
      cursor = page[page.length - 1]!.id;
    }
    const readMs = performance.now() - t3;
    console.log(`${label}: CSV export of ${lines - 1} influencers, ${(bytes / 2 ** 20).toFixed(1)} MiB, in ${(exportMs / 1000).toFixed(2)} s (goal < 5 s) ` +
      `vs reading the same rows in pages of 1,000 ${(readMs / 1000).toFixed(2)} s (×${(exportMs / readMs).toFixed(2)}); ` +
      `heap ${before.toFixed(1)} MiB before, peak ${peak.toFixed(1)} MiB while streaming, ${after.toFixed(1)} MiB after${global.gc ? " (after GC)" : ""}`);
  } finally {
    await http.close();
    await database.close();
  }
}

export default async function bench(): Promise<void> {
  // BENCH_DB: a kept database (seeded on the first run, e.g. by bench/dashboard-profile.ts), so a re-measure skips the seeding.
  const kept = process.env.BENCH_DB;
  if (kept) await runOn(kept.startsWith("postgres") ? "postgresql" : "sqlite", kept);
  else await onEachDatabase("dashboard", runOn);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bench();
