// `npm run job -- <name>`: runs one job now, prints its counts as JSON and exits 0 (ok), 1 (failed
// or skipped because a run is still going) or 2 (unknown job). Migrates the database first.
import { boot } from "../boot.js";
import { systemClock } from "../clock.js";
import { openDatabase } from "../db/client.js";
import { migrateDatabase } from "../db/migrate.js";
import { jobNames, jobsFor } from "./registry.js";
import { JobRunner } from "./runner.js";

const name = process.argv[2];
if (!name || !jobNames().includes(name)) {
  process.stderr.write(`usage: npm run job -- <name>\njobs: ${jobNames().join(", ")}\n`);
  process.exit(2);
}
const { config, log } = boot();
await migrateDatabase(config.DATABASE_URL);
const database = await openDatabase(config.DATABASE_URL);
const deps = { db: database.db, clock: systemClock, log, config };
const jobSet = jobsFor(deps);
const runner = new JobRunner(deps, jobSet.jobs, { instanceId: `cli-${process.pid}` });
const result = await runner.runNow(name);
await jobSet.close();
await database.close();
process.stdout.write(`${JSON.stringify({ job: name, ...result })}\n`);
process.exit(result.status === "ran" && result.outcome === "ok" ? 0 : 1);
