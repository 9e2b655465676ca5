// `advo stats` on a big program (issue 18: it took 16 s against a database under load). Seeds the
// dashboard bench's program (BENCH_SCALE, default 0.1: 10,000 influencers, 100,000 ledger entries,
// 100,000 clicks) and times the report and each of its queries, against a bare COUNT(*) over the
// ledger in the same run. BENCH_REPEAT (default 5) runs per median.
import { pathToFileURL } from "node:url";
import { FakeClock } from "../src/clock.js";
import { testConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { silentLogger } from "../src/logger.js";
import { cycleFigures, missionFigures, statsReport } from "../src/services/stats.js";
import { referralFigures } from "../src/services/referrals-figures.js";
import { medianMs, onEachDatabase } from "./lib/databases.js";
import { seed } from "./dashboard.js";

const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const NOW = new Date("2026-12-07T12:00:00Z");
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

async function runOn(label: string, url: string): Promise<void> {
  await migrateDatabase(url);
  const database = await openDatabase(url);
  try {
    await seed(database.db, database.provider);
    const deps = { db: database.db, clock: new FakeClock(NOW), log: silentLogger, config: testConfig({ MANAGERS: "console:bench" }) };
    const actor = "console:bench";
    const bare = await medianMs(() => database.db.$queryRawUnsafe(`SELECT COUNT(*) AS n FROM "LedgerEntry"`), REPEAT);
    const parts = {
      report: () => statsReport(deps, actor, "en"),
      cycle: () => cycleFigures(deps, actor),
      missions: () => missionFigures(deps, actor, { limit: 10 }),
      referrals: () => referralFigures(database.db),
    };
    const figures: string[] = [];
    for (const [name, fn] of Object.entries(parts)) figures.push(`${name} ${fmt(await medianMs(fn, REPEAT))}`);
    const report = Number(/report (\d+(\.\d+)?)/.exec(figures[0]!)![1]);
    console.log(`${label}: ${figures.join(", ")}; bare COUNT(*) over the ledger ${fmt(bare)} (report ×${(report / bare).toFixed(1)})`);
  } finally {
    await database.close();
  }
}

export default async function bench(): Promise<void> {
  await onEachDatabase("stats", runOn);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await bench();
