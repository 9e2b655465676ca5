// What a job is: a plain function of its dependencies and the slot time it runs for, returning
// counts for the JobRun record. The scheduler, the CLI (`npm run job -- <name>`) and tests call it
// the same way.
import type { AppConfig } from "../config.js";
import type { Deps } from "../services/deps.js";

export type JobCounts = Record<string, number | string | boolean>;

export interface JobDefinition {
  name: string;
  /** the config variable holding this job's cron expression */
  cronSetting: keyof AppConfig & `JOB_${string}_CRON`;
  run(deps: Deps, now: Date): Promise<JobCounts>;
}

/** A job whose collaborator is not part of this build reports it instead of pretending to work. */
export function notAvailable(what: string): JobCounts {
  return { available: false, reason: `${what} is not available in this build` };
}
