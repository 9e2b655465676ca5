// manager-digest: once a day, the pending work (reviews, redemptions, failed messages) posted to
// the managers' channel — only when there is something to do, and once per day.
import type { Deps } from "../services/deps.js";
import { notifyManagers, pendingWork } from "../services/manager-notices.js";
import type { JobCounts, JobDefinition } from "./types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function runManagerDigest(deps: Deps, now: Date): Promise<JobCounts> {
  if (!deps.config.SLACK_MANAGER_CHANNEL) return { posted: false, reason: "SLACK_MANAGER_CHANNEL not set" };
  const work = await pendingWork(deps, new Date(now.getTime() - DAY_MS));
  if (work.review + work.redemptions + work.failed === 0) return { posted: false, reason: "nothing pending", ...work };
  const posted = await notifyManagers(deps, {
    purpose: "manager.digest",
    dedupeKey: `digest:${now.toISOString().slice(0, 10)}`,
    messageId: "notice.digest",
    params: work,
  });
  return { posted, ...work };
}

export const managerDigestJob: JobDefinition = { name: "manager-digest", cronSetting: "JOB_MANAGER_DIGEST_CRON", run: runManagerDigest };
