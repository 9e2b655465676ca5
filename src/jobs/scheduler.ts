// The scheduler: the only place node-cron is used. Each job fires on its cron expression (config
// JOB_*_CRON) in JOBS_TZ; every firing goes through the JobRunner, which claims the slot in the
// database so several instances run each slot once, and never lets a job overlap itself.
import cron, { type ScheduledTask } from "node-cron";
import type { AppCore, Component } from "../app.js";
import type { Deps } from "../services/deps.js";
import { jobsFor, type JobSet } from "./registry.js";
import { JobRunner, type RunnerOptions } from "./runner.js";
import type { JobDefinition } from "./types.js";

export interface SchedulerOptions extends RunnerOptions {
  jobs?: JobDefinition[];
  /** override a job's cron expression (tests fire every second with "* * * * * *") */
  cron?: Record<string, string>;
}

export class Scheduler {
  readonly runner: JobRunner;
  private tasks: ScheduledTask[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  private readonly jobSet: JobSet;

  constructor(private readonly deps: Deps, private readonly options: SchedulerOptions = {}) {
    this.jobSet = options.jobs ? { jobs: options.jobs, close: async () => {} } : jobsFor(deps);
    this.runner = new JobRunner(deps, this.jobSet.jobs, options);
  }

  start(): void {
    const { config, log } = this.deps;
    for (const job of this.runner.jobs) {
      const expression = this.options.cron?.[job.name] ?? config[job.cronSetting];
      if (!cron.validate(expression)) throw new Error(`invalid cron expression for ${job.name} (${job.cronSetting}): ${expression}`);
      const task = cron.schedule(
        expression,
        (ctx) => {
          const run = this.runner.runSlot(job.name, ctx.date).catch((err: unknown) => log.error({ err, job: job.name }, "job slot could not be recorded"));
          this.inFlight.add(run);
          void run.finally(() => this.inFlight.delete(run));
        },
        { timezone: config.JOBS_TZ, name: `advo:${job.name}:${this.runner.instanceId}` },
      );
      this.tasks.push(task);
    }
    log.info({ jobs: this.runner.jobs.map((j) => j.name), tz: config.JOBS_TZ, instance: this.runner.instanceId }, "scheduler started");
  }

  /** Stops firing, then waits for the runs in progress to finish and be recorded. */
  async stop(): Promise<void> {
    for (const task of this.tasks) await task.destroy();
    this.tasks = [];
    await Promise.allSettled([...this.inFlight]);
    await this.jobSet.close();
  }
}

export function createSchedulerComponent(core: AppCore, options: SchedulerOptions = {}): Component {
  let scheduler: Scheduler | undefined;
  return {
    name: "scheduler",
    async start() {
      if (!core.config.JOBS_ENABLED) {
        core.log.info("scheduler disabled (JOBS_ENABLED=false)");
        return;
      }
      scheduler = new Scheduler(core.deps, options);
      scheduler.start();
    },
    async stop() {
      await scheduler?.stop();
    },
  };
}
