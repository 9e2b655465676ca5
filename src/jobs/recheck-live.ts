// recheck-live: RECHECK_LIVE_DAYS after verification, checks the post is still online; a deleted
// post is flagged to managers (policy "flag") or its points reversed (policy "reverse").
// Needs the verifier (src/verify); until it is wired in, this job reports "not available".
import type { Deps } from "../services/deps.js";
import { DAY } from "../clock.js";
import { notAvailable, type JobCounts, type JobDefinition } from "./types.js";

export async function runRecheckLive(deps: Deps, now: Date): Promise<JobCounts> {
  const due = await deps.db.submission.count({
    where: { status: { in: ["verified", "approved"] }, liveCheckedAt: null, verifiedAt: { lte: new Date(now.getTime() - deps.config.RECHECK_LIVE_DAYS * DAY) } },
  });
  return { ...notAvailable("the post verifier (src/verify)"), due };
}

export const recheckLiveJob: JobDefinition = { name: "recheck-live", cronSetting: "JOB_RECHECK_LIVE_CRON", run: runRecheckLive };
