// missions-lifecycle: scheduled missions whose start has come are published (and announced, by the
// missions service); published missions past their deadline are closed and the participations
// still waiting for a submission expire. Every step is a conditional update: a second run, or a
// second instance, finds nothing left to do.
import { closeMission, publishDueMissions } from "../services/missions-admin.js";
import { SYSTEM } from "../services/managers.js";
import type { Deps } from "../services/deps.js";
import type { JobCounts, JobDefinition } from "./types.js";

export async function runMissionsLifecycle(deps: Deps, now: Date): Promise<JobCounts> {
  const job = { ...deps, clock: { now: () => now } };
  const { published, announced } = await publishDueMissions(job);
  const due = await deps.db.mission.findMany({ where: { status: "published", deadline: { lte: now } }, select: { id: true } });
  let closed = 0;
  for (const { id } of due) {
    const r = await closeMission(job, SYSTEM, id);
    if (r.ok) closed++;
  }
  // Includes missions closed by a manager earlier: their accepted-but-unsubmitted participations expire too.
  const expired = await deps.db.participation.updateMany({
    where: { status: "accepted", mission: { status: "closed" } },
    data: { status: "expired", decidedAt: now },
  });
  return { published, announced, closed, expired: expired.count };
}

export const missionsLifecycleJob: JobDefinition = { name: "missions-lifecycle", cronSetting: "JOB_MISSIONS_LIFECYCLE_CRON", run: runMissionsLifecycle };
