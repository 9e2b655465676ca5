// verify-submissions: due pending submissions are checked by the verifier (src/verify) and moved to
// verified (+points), needs_review (review queue) or rejected (influencer told why).
// The verifier is built by another part of the project; until it is wired in here this job
// reports "not available" instead of pretending to verify anything.
import type { Deps } from "../services/deps.js";
import { notAvailable, type JobCounts, type JobDefinition } from "./types.js";

export async function runVerifySubmissions(deps: Deps, now: Date): Promise<JobCounts> {
  const due = await deps.db.submission.count({ where: { status: "pending", OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }] } });
  return { ...notAvailable("the post verifier (src/verify)"), due };
}

export const verifySubmissionsJob: JobDefinition = { name: "verify-submissions", cronSetting: "JOB_VERIFY_SUBMISSIONS_CRON", run: runVerifySubmissions };
