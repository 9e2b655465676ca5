// close-cycle: when the open cycle's end has passed, runs the cycle close service (one transaction,
// idempotent: a second run or instance finds nothing open to close).
import { closeCycle } from "../services/cycles.js";
import type { Deps } from "../services/deps.js";
import { SYSTEM } from "../services/managers.js";
import type { JobCounts, JobDefinition } from "./types.js";

export async function runCloseCycle(deps: Deps, now: Date): Promise<JobCounts> {
  const open = await deps.db.cycle.findFirst({ where: { status: "open" }, orderBy: { startsAt: "asc" }, select: { endsAt: true } });
  if (!open || open.endsAt.getTime() > now.getTime()) return { closed: 0, reason: open ? "not due" : "no open cycle" };
  const r = await closeCycle({ ...deps, clock: { now: () => now } }, SYSTEM);
  if (!r.ok) return { closed: 0, reason: r.error };
  const s = r.value;
  return { closed: 1, cycle: s.cycleName, next: s.nextCycleName, participants: s.participants, bonusesPaid: s.bonusesPaid, expired: s.expired, rolledOver: s.rolledOver, notified: s.notified };
}

export const closeCycleJob: JobDefinition = { name: "close-cycle", cronSetting: "JOB_CLOSE_CYCLE_CRON", run: runCloseCycle };
