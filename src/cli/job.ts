// `advo job run NAME`: runs one scheduled job now, in this process, through the scheduler's own
// runner (same slot claim and JobRun row as the scheduler). The database is opened without
// migrating when nothing is pending, so it works beside a running bot on SQLite.
import { systemClock } from "../clock.js";
import type { AppConfig } from "../config.js";
import { jobNames, jobsFor } from "../jobs/registry.js";
import { JobRunner } from "../jobs/runner.js";
import type { Logger } from "../logger.js";
import { openMigratedDatabase } from "./database.js";

export async function runJobCommand(name: string | undefined, config: AppConfig, log: Logger): Promise<number> {
  if (!name || !jobNames().includes(name)) {
    process.stderr.write(`advo: usage: advo job run NAME\njobs: ${jobNames().join(", ")}\n`);
    return 2;
  }
  const database = await openMigratedDatabase(config.DATABASE_URL);
  const deps = { db: database.db, clock: systemClock, log, config };
  const jobSet = jobsFor(deps);
  try {
    const result = await new JobRunner(deps, jobSet.jobs, { instanceId: `advo-cli-${process.pid}` }).runNow(name);
    process.stdout.write(`${JSON.stringify({ job: name, ...result })}\n`);
    return result.status === "ran" && result.outcome === "ok" ? 0 : 1;
  } finally {
    await jobSet.close();
    await database.close();
  }
}
