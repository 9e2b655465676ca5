// JobRun rows: one per job slot. Inserting the row IS the claim — its unique jobKey
// ("name:slotISO") makes exactly one instance run a slot, on SQLite and PostgreSQL alike.
import type { Db } from "../db/client.js";
import { isUniqueViolation } from "../services/deps.js";
import type { JobCounts } from "./types.js";

export function slotKey(name: string, slot: Date): string {
  return `${name}:${slot.toISOString()}`;
}

/** The slot a cron firing belongs to: its time floored to the second (cron fires on whole seconds). */
export function slotOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

/** Inserts the slot's row; returns its id, or undefined when another instance already has the slot. */
export async function claimSlot(db: Db, jobKey: string, name: string, slot: Date, instanceId: string, startedAt: Date): Promise<number | undefined> {
  try {
    const row = await db.jobRun.create({ data: { jobKey, jobName: name, slot, instanceId, startedAt, outcome: "running" } });
    return row.id;
  } catch (e) {
    if (isUniqueViolation(e)) return undefined;
    throw e;
  }
}

/** A run of this job still marked running and younger than staleAfterMs (older ones crashed). */
export async function runningElsewhere(db: Db, name: string, now: Date, staleAfterMs: number) {
  return db.jobRun.findFirst({
    where: { jobName: name, outcome: "running", startedAt: { gt: new Date(now.getTime() - staleAfterMs) } },
    select: { jobKey: true, instanceId: true, startedAt: true },
  });
}

export async function recordSkip(db: Db, jobKey: string, name: string, slot: Date, instanceId: string, at: Date, reason: string): Promise<void> {
  try {
    await db.jobRun.create({ data: { jobKey, jobName: name, slot, instanceId, startedAt: at, finishedAt: at, outcome: "skipped", error: reason } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
}

export async function finishRun(db: Db, id: number, at: Date, outcome: "ok" | "failed", counts: JobCounts | null, error?: string): Promise<void> {
  await db.jobRun.update({ where: { id }, data: { finishedAt: at, outcome, counts: counts ?? undefined, error: error?.slice(0, 1000) ?? null } });
}

export interface JobRunView {
  job: string;
  slot: string;
  outcome: string;
  instanceId: string;
  startedAt: string;
  finishedAt: string | null;
  counts: unknown;
  error: string | null;
}

/** The latest run of each job (for /healthz and a manager command), newest first. */
export async function recentJobRuns(db: Db, limit = 200): Promise<JobRunView[]> {
  const rows = await db.jobRun.findMany({ orderBy: { startedAt: "desc" }, take: limit });
  const seen = new Set<string>();
  const out: JobRunView[] = [];
  for (const r of rows) {
    if (seen.has(r.jobName)) continue;
    seen.add(r.jobName);
    out.push({
      job: r.jobName, slot: r.slot.toISOString(), outcome: r.outcome, instanceId: r.instanceId, startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null, counts: r.counts ?? null, error: r.error,
    });
  }
  return out;
}
