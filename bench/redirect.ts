// Measurement benchmarks (issue 13).
// 1. Redirect latency: p50/p99 of GET /t/<code> through the app's server (Hono sub-app bridged
//    like src/app.ts, SQLite, the click written after each response) against a bare node:http
//    server answering 302 in the same run, under the same bounded load (keep-alive, fixed
//    concurrency). Ratios, not absolute numbers, are what carry over to other machines.
// 2. The report for 10k influencers × 50 missions × 1M clicks (BENCH_CLICKS scales it): time and
//    number of database queries, on SQLite and PostgreSQL (TEST_POSTGRES_URL, when reachable).
// BENCH_ONLY=redirect or BENCH_ONLY=report runs one half.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, createServer, request, type Server } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { FakeClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import { openDatabase, type Db } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { silentLogger } from "../src/logger.js";
import { AfterResponse } from "../src/http/after-response.js";
import { HttpServer } from "../src/http/server.js";
import { trackingRoutes } from "../src/http/tracking.js";
import { ClickWriter } from "../src/services/click-writer.js";
import { bulkInsert } from "../src/services/bulk-insert.js";
import { measurementReport, type ReportRequest } from "../src/services/report.js";
import { rollUpClicks } from "../src/services/click-rollup.js";
import type { Provider } from "../src/db/provider.js";
import { onEachDatabase } from "./lib/databases.js";

const REQUESTS = Number(process.env.BENCH_REDIRECTS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const INFLUENCERS = Number(process.env.BENCH_INFLUENCERS ?? 10_000);
const MISSIONS = 50;
const PER_INFLUENCER = 5; // missions each influencer accepted → 50k personal links
const CLICKS = Number(process.env.BENCH_CLICKS ?? 1_000_000);

async function load(port: number, path: string, settle: () => Promise<void> = async () => {}): Promise<{ p50: number; p99: number; rps: number; cpuUs: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const times: number[] = [];
  let next = 0;
  const one = () => new Promise<void>((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ host: "127.0.0.1", port, path, agent, headers: { "user-agent": "Mozilla/5.0 bench" } }, (res) => {
      res.resume();
      res.on("end", () => {
        if (res.statusCode !== 302) reject(new Error(`status ${res.statusCode}`));
        times.push(performance.now() - t0);
        resolve();
      });
    });
    req.on("error", reject);
    req.end();
  });
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next++ < REQUESTS) await one(); }));
  const seconds = (performance.now() - start) / 1000;
  await settle(); // the clicks still being written count in the CPU, not in the latency
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  // CPU per request of this process (client and server share it, so the two runs differ by the server's work): a loaded machine stretches wall time, not this
  return { p50: at(0.5), p99: at(0.99), rps: REQUESTS / seconds, cpuUs: (cpu.user + cpu.system) / REQUESTS };
}

async function redirectBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "advo-bench-redirect-"));
  const url = `file:${join(dir, "r.db")}`;
  await migrateDatabase(url);
  const database = await openDatabase(url);
  const bare: Server = createServer((_req, res) => res.writeHead(302, { location: "https://shop.example/p?advo_click=x" }).end());
  const http = new HttpServer(silentLogger);
  try {
    const m = await database.db.mission.create({ data: { title: "Bench", brief: "b", points: 1, deadline: new Date("2030-01-01"), segment: {}, status: "published", landingUrl: "https://shop.example/p?x=1" } });
    const link = await database.db.trackingLink.create({ data: { code: "BENCHCODE2", missionId: m.id, targetUrl: "https://shop.example/p?x=1" } });
    const after = new AfterResponse(silentLogger);
    const clicks = new ClickWriter(database.db, silentLogger);
    const deps = { db: database.db, clock: new FakeClock(), log: silentLogger, config: testConfig(), after, clicks };
    http.mount(trackingRoutes(deps));
    const appPort = await http.listen(0, "127.0.0.1");
    const barePort = await new Promise<number>((r) => bare.listen(0, "127.0.0.1", () => r((bare.address() as { port: number }).port)));
    await load(barePort, "/"); // warm-up both
    await load(appPort, `/t/${link.code}`);
    const b = await load(barePort, "/");
    const a = await load(appPort, `/t/${link.code}`, () => after.drain());
    const written = await database.db.click.count();
    console.log(`redirect (${REQUESTS} requests, ${CONCURRENCY} concurrent, SQLite): bare node:http p50 ${b.p50.toFixed(2)} ms p99 ${b.p99.toFixed(2)} ms ${b.rps.toFixed(0)} req/s; ` +
      `GET /t/<code> p50 ${a.p50.toFixed(2)} ms p99 ${a.p99.toFixed(2)} ms ${a.rps.toFixed(0)} req/s; ` +
      `p99 ratio ${(a.p99 / b.p99).toFixed(1)}x, throughput ratio ${(a.rps / b.rps).toFixed(2)}; CPU per request (client included) bare ${b.cpuUs.toFixed(0)} µs, app ${a.cpuUs.toFixed(0)} µs; ` +
      `clicks written ${written}/${2 * REQUESTS} in ${clicks.inserts} inserts (load ${loadavg()[0]!.toFixed(1)})`);
  } finally {
    await http.close();
    bare.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function seed(db: Db, provider: Provider): Promise<void> {
  const now = new Date("2026-02-01T00:00:00Z");
  const cycle = await db.cycle.create({ data: { name: "2026-Q1", startsAt: new Date("2026-01-01"), endsAt: new Date("2026-04-01") } });
  const jsonCols = new Set(["interests", "tags", "dos", "donts", "hashtags", "mentions", "networks", "segment"]);
  const cols = (...names: string[]) => names.map((name) => ({ name, ...(jsonCols.has(name) && provider === "postgresql" ? { cast: "jsonb" } : {}) }));
  await bulkInsert(db, provider, "Mission", cols("id", "title", "brief", "points", "deadline", "segment", "status", "landingUrl", "createdAt", "updatedAt"),
    Array.from({ length: MISSIONS }, (_, i) => [i + 1, `Mission ${i + 1}`, "b", 100, new Date("2026-03-31"), "{}", "published", "https://shop.example/", now, now]));
  const CHUNK = 2000;
  let linkId = 0;
  for (let start = 1; start <= INFLUENCERS; start += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, INFLUENCERS - start + 1) }, (_, i) => start + i);
    await bulkInsert(db, provider, "Influencer", cols("id", "status", "displayName", "interests", "tags", "onboardingStartedAt", "createdAt", "updatedAt"), ids.map((id) => [id, "active", `b${id}`, "[]", "[]", now, now, now]));
    const parts = ids.flatMap((id) => Array.from({ length: PER_INFLUENCER }, (_, k) => [(id - 1) * PER_INFLUENCER + k + 1, ((id + k * 11) % MISSIONS) + 1, id]));
    await bulkInsert(db, provider, "Participation", cols("id", "missionId", "influencerId", "status", "acceptedAt", "createdAt", "updatedAt"), parts.map(([pid, mid, iid]) => [pid, mid, iid, pid! % 2 ? "approved" : "accepted", now, now, now]));
    await bulkInsert(db, provider, "TrackingLink", cols("id", "code", "missionId", "influencerId", "participationId", "targetUrl", "createdAt"), parts.map(([pid, mid, iid]) => [pid, `L${pid}`, mid, iid, pid, "https://shop.example/", now]));
    const approved = parts.filter(([pid]) => pid! % 2);
    await bulkInsert(db, provider, "Submission", cols("id", "participationId", "missionId", "influencerId", "url", "originalUrl", "network", "status", "createdAt", "updatedAt"),
      approved.map(([pid, mid, iid]) => [pid, pid, mid, iid, `https://instagram.com/p/${pid}`, `https://instagram.com/p/${pid}`, "instagram", "approved", now, now]));
    await bulkInsert(db, provider, "LedgerEntry", cols("influencerId", "cycleId", "amount", "kind", "reference", "idempotencyKey", "createdAt"),
      approved.map(([pid, , iid]) => [iid, cycle.id, 100, "mission", `submission:${pid}`, `submission:${pid}`, now]));
    await bulkInsert(db, provider, "Conversion", cols("externalId", "kind", "orderId", "amountMinor", "currency", "attribution", "trackingLinkId", "missionId", "influencerId", "at"),
      approved.filter(([pid]) => pid! % 5 === 1).map(([pid, mid, iid]) => [`order:${pid}`, "order", String(pid), 4990, "EUR", "code", pid, mid, iid, now]));
    linkId = parts.at(-1)![0]!;
  }
  // Clicks with one set-based INSERT … SELECT (a recursive CTE on SQLite, generate_series on
  // PostgreSQL): the same rows as a loop would send, without 1M bound parameters.
  const seconds = provider === "postgresql" ? `make_interval(secs => (n % 86400))` : "";
  const sql = provider === "postgresql"
    ? `INSERT INTO "Click" ("trackingLinkId", "visitorHash", "clickId", "preview", "at")
       SELECT (n % ${linkId}) + 1, CASE WHEN n % 20 = 0 THEN NULL ELSE 'v' || ((n * 7) % 50000) END, CASE WHEN n % 20 = 0 THEN NULL ELSE 'c' || n END,
              n % 20 = 0, TIMESTAMP '2026-02-01 00:00:00' + ${seconds}
       FROM generate_series(0, ${CLICKS - 1}) AS n`
    : `WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < ${CLICKS - 1})
       INSERT INTO "Click" ("trackingLinkId", "visitorHash", "clickId", "preview", "at")
       SELECT (n % ${linkId}) + 1, CASE WHEN n % 20 = 0 THEN NULL ELSE 'v' || ((n * 7) % 50000) END, CASE WHEN n % 20 = 0 THEN NULL ELSE 'c' || n END,
              n % 20 = 0, strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2026-02-01', '+' || (n % 86400) || ' seconds')
       FROM s`;
  await db.$executeRawUnsafe(sql);
}

/**
 * CPU seconds used so far by the PostgreSQL backends serving this database (utime + stime from
 * /proc/<pid>/stat, 100 ticks a second): the server's share of a report, which wall time under a
 * loaded machine hides. Only for a server on this machine; 0 elsewhere and for SQLite.
 */
async function serverCpu(db: Db, provider: Provider): Promise<number> {
  if (provider !== "postgresql") return 0;
  const rows = await db.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // not on this machine, or the backend ended
    }
  }
  return ticks / 100;
}

async function reportOn(label: string, url: string): Promise<void> {
  await migrateDatabase(url);
  const database = await openDatabase(url);
  try {
    const t0 = performance.now();
    await seed(database.db, database.provider);
    const seedSeconds = (performance.now() - t0) / 1000;
    // Statistics as a live database has them (autovacuum would analyze the seeded tables later).
    if (database.provider === "postgresql") await database.db.$executeRawUnsafe("ANALYZE");
    let queries = 0;
    const counted = database.db.$extends({ query: { $allOperations: ({ args, query }) => { queries++; return query(args); } } }) as unknown as Db;
    const deps = { db: counted, clock: new FakeClock("2026-02-02T00:20:00Z"), log: silentLogger, config: testConfig({ POINT_VALUE: "0.10" }) };
    const runs: Array<[string, ReportRequest]> = [["all missions, nothing rolled up yet", {}]];
    for (const [name, req] of runs) await one(name, req);
    // the click-rollup job's run after the seeded day (every click is on 2026-02-01)
    const t2 = performance.now();
    const rolled = await rollUpClicks(database.db, new Date("2026-02-02T00:15:00Z"));
    console.log(`${label}: click rollup of ${rolled.days} day(s) in ${((performance.now() - t2) / 1000).toFixed(2)} s`);
    for (const [name, req] of [["all missions", {}], ["one mission", { missionId: 1 }], ["cycle", { cycleId: 1 }]] as const) await one(name, req);
    async function one(name: string, req: ReportRequest): Promise<void> {
      queries = 0;
      const server0 = await serverCpu(database.db, database.provider);
      const t1 = performance.now();
      const cpu0 = process.cpuUsage();
      const r = await measurementReport(deps, "operator", req);
      const seconds = (performance.now() - t1) / 1000;
      // CPU of this process: on SQLite the database work too (it runs in-process); on PostgreSQL the
      // client's side, plus the server's backends below
      const cpu = process.cpuUsage(cpu0);
      const server = (await serverCpu(database.db, database.provider)) - server0;
      if (!r.ok) throw new Error(r.error);
      const serverText = database.provider === "postgresql" ? ` + ${server.toFixed(2)} s server CPU` : "";
      console.log(`${label} report (${name}): ${seconds.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU${serverText} (load ${loadavg()[0]!.toFixed(1)}), ${queries} queries (Prisma operations, raw included), ${r.value.missions.length} missions, ${r.value.influencers.length} influencer rows, clicks ${r.value.totals.clicks}`);
    }
    console.log(`${label}: seeded ${INFLUENCERS} influencers × ${MISSIONS} missions, ${INFLUENCERS * PER_INFLUENCER} links, ${CLICKS} clicks in ${seedSeconds.toFixed(0)} s`);
  } finally {
    await database.close();
  }
}

export default async function bench(): Promise<void> {
  const only = process.env.BENCH_ONLY; // "redirect" or "report": one half of the bench
  if (only !== "report") await redirectBench();
  if (only === "redirect") return;
  await onEachDatabase("report", reportOn);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bench();
