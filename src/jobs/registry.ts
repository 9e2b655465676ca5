// Every scheduled job, by name. The scheduler, `npm run job -- <name>` and /healthz use this list.
import type { Deps } from "../services/deps.js";
import { clickRollupJob } from "./click-rollup.js";
import { closeCycleJob } from "./close-cycle.js";
import { managerDigestJob } from "./manager-digest.js";
import { leaderboardBroadcastJob } from "./leaderboard-broadcast.js";
import { missionsLifecycleJob } from "./missions-lifecycle.js";
import { onboardingDripJob } from "./onboarding-drip.js";
import type { PostChecker } from "./post-checker.js";
import { recheckLiveJob } from "./recheck-live.js";
import { remindersJob } from "./reminders.js";
import type { JobDefinition } from "./types.js";
import { observeChecker } from "../metrics-hooks.js";
import { createPostChecker } from "./verifier-checker.js";
import { verifySubmissionsJob } from "./verify-submissions.js";

/** The jobs of this build; the verification jobs report "not available" without a post checker. */
export function createJobs(checker: PostChecker | undefined): JobDefinition[] {
  return [
    verifySubmissionsJob(checker),
    recheckLiveJob(checker),
    remindersJob,
    onboardingDripJob,
    missionsLifecycleJob,
    leaderboardBroadcastJob,
    closeCycleJob,
    managerDigestJob,
    clickRollupJob,
  ];
}

export interface JobSet {
  jobs: JobDefinition[];
  /** releases what the jobs hold (the verifier's HTTP connections) */
  close(): Promise<void>;
}

/** The jobs wired to this build's collaborators: the real post verifier (src/verify). */
export function jobsFor(deps: Pick<Deps, "config" | "log" | "metrics">): JobSet {
  const { checker, close } = createPostChecker(deps.config, deps.log);
  return { jobs: createJobs(observeChecker(checker, deps.metrics)), close };
}

export function jobNames(): string[] {
  return createJobs(undefined).map((j) => j.name);
}
