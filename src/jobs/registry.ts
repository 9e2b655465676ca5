// Every scheduled job, by name. The scheduler, `npm run job -- <name>` and /healthz read this list.
import { closeCycleJob } from "./close-cycle.js";
import { leaderboardBroadcastJob } from "./leaderboard-broadcast.js";
import { missionsLifecycleJob } from "./missions-lifecycle.js";
import { onboardingDripJob } from "./onboarding-drip.js";
import { recheckLiveJob } from "./recheck-live.js";
import { remindersJob } from "./reminders.js";
import type { JobDefinition } from "./types.js";
import { verifySubmissionsJob } from "./verify-submissions.js";

export const allJobs: JobDefinition[] = [
  verifySubmissionsJob,
  recheckLiveJob,
  remindersJob,
  onboardingDripJob,
  missionsLifecycleJob,
  leaderboardBroadcastJob,
  closeCycleJob,
];

export function jobNames(): string[] {
  return allJobs.map((j) => j.name);
}
