// Runs job slots: once per slot across instances (the JobRun claim), never overlapping itself
// (a run still going in this process, or marked running in the database by another instance,
// makes the next slot skip — recorded as "skipped"), and every run recorded with its counts.
import { randomBytes } from "node:crypto";
import type { Deps } from "../services/deps.js";
import { claimSlot, finishRun, recordSkip, runningElsewhere, slotKey, slotOf } from "./job-runs.js";
import type { JobCounts, JobDefinition } from "./types.js";
import { countDatabaseError, secondsSince } from "../metrics-hooks.js";
import { errorCode } from "../errors.js";

export type SlotOutcome =
  | { status: "ran"; outcome: "ok"; counts: JobCounts }
  | { status: "ran"; outcome: "failed"; error: string }
  | { status: "skipped"; reason: "claimed-elsewhere" | "still-running" | "unknown-job" };

export interface RunnerOptions {
  instanceId?: string;
  /** a "running" row older than this is a crashed run and no longer blocks (default 30 min) */
  staleAfterMs?: number;
}

export class JobRunner {
  readonly instanceId: string;
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly staleAfterMs: number;

  constructor(private readonly deps: Deps, readonly jobs: JobDefinition[], options: RunnerOptions = {}) {
    this.instanceId = options.instanceId ?? deps.config.INSTANCE_ID ?? `jobs-${randomBytes(4).toString("hex")}`;
    this.staleAfterMs = options.staleAfterMs ?? 30 * 60_000;
  }

  job(name: string): JobDefinition | undefined {
    return this.jobs.find((j) => j.name === name);
  }

  /** The scheduler's entry: run `name` for the slot at `at` unless another instance has it. */
  async runSlot(name: string, at: Date): Promise<SlotOutcome> {
    const slot = slotOf(at);
    return this.run(name, slotKey(name, slot), slot);
  }

  /** An operator's run now (`npm run job`): its own key, still never beside a running one. */
  async runNow(name: string): Promise<SlotOutcome> {
    const now = this.deps.clock.now();
    return this.run(name, `${name}:manual:${now.toISOString()}:${this.instanceId}`, now);
  }

  /** Resolves when no job is running in this process (graceful stop). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private async run(name: string, jobKey: string, slot: Date): Promise<SlotOutcome> {
    const job = this.job(name);
    if (!job) return { status: "skipped", reason: "unknown-job" };
    const { db, clock } = this.deps;
    const now = clock.now();
    if (this.running.has(name)) return this.skip(jobKey, name, slot, now);
    // Marked busy before the first await, so two firings in this process cannot both pass.
    let release!: () => void;
    this.running.set(name, new Promise<void>((r) => (release = r)));
    try {
      if (await runningElsewhere(db, name, now, this.staleAfterMs)) return await this.skip(jobKey, name, slot, now);
      const id = await claimSlot(db, jobKey, name, slot, this.instanceId, now);
      if (id === undefined) return { status: "skipped", reason: "claimed-elsewhere" };
      return await this.execute(job, id, slot);
    } finally {
      this.running.delete(name);
      release();
    }
  }

  private async skip(jobKey: string, name: string, slot: Date, now: Date): Promise<SlotOutcome> {
    await recordSkip(this.deps.db, jobKey, name, slot, this.instanceId, now, "previous run still running");
    this.deps.log.warn({ job: name, slot }, "job slot skipped: previous run still running");
    this.deps.metrics?.jobRun(name, "skipped");
    return { status: "skipped", reason: "still-running" };
  }

  private async execute(job: JobDefinition, id: number, slot: Date): Promise<SlotOutcome> {
    const { db, clock, log, metrics } = this.deps;
    const started = process.hrtime.bigint();
    try {
      const counts = await job.run(this.deps, slot);
      metrics?.jobRun(job.name, "ok", secondsSince(started));
      await finishRun(db, id, clock.now(), "ok", counts);
      log.info({ job: job.name, slot, counts }, "job finished");
      return { status: "ran", outcome: "ok", counts };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const code = countDatabaseError(metrics, "job", err) ?? errorCode(err);
      log.error({ err, code, job: job.name, slot }, "job failed");
      metrics?.jobRun(job.name, "failed", secondsSince(started));
      await finishRun(db, id, clock.now(), "failed", null, error);
      return { status: "ran", outcome: "failed", error };
    }
  }
}
