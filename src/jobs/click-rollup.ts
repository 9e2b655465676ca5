// click-rollup: sums each finished UTC day's clicks per link into ClickDaily (src/services/click-rollup.ts),
// so the measurement report reads one row per link and day instead of every click.
import { rollUpClicks } from "../services/click-rollup.js";
import type { Deps } from "../services/deps.js";
import type { JobCounts, JobDefinition } from "./types.js";

export async function runClickRollup(deps: Deps, now: Date): Promise<JobCounts> {
  const { days, until } = await rollUpClicks(deps.db, now);
  return { days, until };
}

export const clickRollupJob: JobDefinition = { name: "click-rollup", cronSetting: "JOB_CLICK_ROLLUP_CRON", run: runClickRollup };
