// Profiles the dashboard's pages on a kept database (issue 14): every SQL statement a page sends,
// with its time, so a slow page shows which query to fix and whether it reads row by row.
// PROFILE_DB=file:/tmp/advo-profile.db (or a postgresql:// URL) is migrated and seeded once with
// bench/dashboard.ts's seed (BENCH_SCALE as there), then reused; PROFILE_PAGES lists the paths.
// Usage: PROFILE_DB=… BENCH_SCALE=1 npx tsx bench/dashboard-profile.ts
import { FakeClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { PrismaClient as SqliteClient } from "../src/db/generated/sqlite/client.js";
import { PrismaClient as PostgresClient } from "../src/db/generated/postgresql/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { adapterFactory, providerOf } from "../src/db/provider.js";
import { HttpServer } from "../src/http/server.js";
import { silentLogger } from "../src/logger.js";
import { rollUpClicks } from "../src/services/click-rollup.js";
import { dashboardRoutes } from "../src/web/routes.js";
import { createSignInLink, redeemSignInLink } from "../src/web/sessions.js";
import { NOW, seed } from "./dashboard.js";

const url = process.env.PROFILE_DB ?? "file:/tmp/advo-profile.db";
const provider = providerOf(url);
const pages = (process.env.PROFILE_PAGES ?? "/dashboard,/dashboard/influencers?q=Person%204242,/dashboard/influencers?q=%40handle4242,/dashboard/missions,/dashboard/missions/1").split(",");

await migrateDatabase(url);
const options = { adapter: await adapterFactory(url), log: [{ emit: "event" as const, level: "query" as const }] };
const db = (provider === "postgresql" ? new PostgresClient(options) : new SqliteClient(options)) as unknown as Db;
const statements: { sql: string; params: string; ms: number }[] = [];
(db as unknown as { $on(e: "query", f: (e: { query: string; params: string; duration: number }) => void): void }).$on("query", (e) => statements.push({ sql: e.query, params: e.params, ms: e.duration }));
if (provider === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
if ((await db.influencer.count()) === 0) {
  const t0 = performance.now();
  await seed(db, provider);
  await rollUpClicks(db, NOW);
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const deps = { db, clock: new FakeClock(NOW), log: silentLogger, config: testConfig({ MANAGERS: "slack:UBENCH" }) };
const http = new HttpServer(silentLogger);
http.mount(dashboardRoutes(deps));
const base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
deps.config.PUBLIC_URL = base;
const link = (await createSignInLink(deps, "slack:UBENCH"))!;
const cookie = `advo_session=${(await redeemSignInLink(deps, link.split("/").pop()!))!.cookie}`;
for (const path of pages) {
  await fetch(`${base}${path}`, { headers: { cookie } }).then((r) => r.text()); // warm-up
  statements.length = 0;
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  await res.text();
  const ms = performance.now() - t0;
  const sqlMs = statements.reduce((a, s) => a + s.ms, 0);
  console.log(`\n${path}: ${res.status} in ${ms.toFixed(0)} ms, ${statements.length} statements, ${sqlMs} ms in SQL`);
  // PROFILE_ALONE=1: each statement run again by itself (the page's own times include waiting for
  // the others: SQLite runs one at a time, PostgreSQL shares the CPU)
  if (process.env.PROFILE_ALONE) {
    const page = [...statements];
    for (const s of page) {
      const t1 = performance.now();
      await db.$queryRawUnsafe(s.sql, ...(JSON.parse(s.params) as unknown[])).catch(() => undefined);
      s.ms = performance.now() - t1;
    }
    statements.splice(0, statements.length, ...page);
    console.log(`  alone: ${statements.reduce((a, s) => a + s.ms, 0).toFixed(0)} ms in SQL, one after another`);
  }
  for (const s of [...statements].sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.PROFILE_TOP ?? 8))) console.log(`  ${s.ms.toFixed(1).padStart(7)} ms  ${s.sql.replace(/\s+/g, " ").slice(0, Number(process.env.PROFILE_WIDTH ?? 300))}`);
}
await http.close();
await db.$disconnect();
