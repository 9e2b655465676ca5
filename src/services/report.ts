// The managers' measurement report by scope: one mission, one cycle (missions whose window
// overlaps it, figures counted inside it, plus the cycle's whole cost: every point earned in it,
// bonuses included), or every published mission.
import { EARNING_KINDS } from "../domain/cycle-close.js";
import { fromMinorUnits } from "../domain/tracking.js";
import { buildReport, costMinor, type MeasurementReport } from "../reports/measurement.js";
import { err, ok, type Result } from "../result.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";

export interface ReportRequest {
  missionId?: number;
  cycleId?: number;
  /** false: totals and missions only, no per-influencer rows (the dashboard's overview and missions table) */
  people?: boolean;
}

export type ScopedReport = MeasurementReport & { cycle?: { id: number; name: string; points: number; cost: number } };

/** A cycle's missions: published (or past it) with a window overlapping the cycle's. */
export async function cycleMissionIds(db: Deps["db"], cycle: { startsAt: Date; endsAt: Date }): Promise<number[]> {
  const missions = await db.mission.findMany({
    where: { status: { not: "draft" }, deadline: { gte: cycle.startsAt }, OR: [{ startsAt: null, createdAt: { lt: cycle.endsAt } }, { startsAt: { lt: cycle.endsAt } }] },
    select: { id: true },
  });
  return missions.map((m) => m.id);
}

export async function measurementReport(deps: Deps, actor: Actor, req: ReportRequest = {}): Promise<Result<ScopedReport>> {
  const refused = await requireManager(deps, actor, "report.view");
  if (refused) return refused;
  if (req.missionId !== undefined) {
    const m = await deps.db.mission.findUnique({ where: { id: req.missionId }, select: { id: true } });
    if (!m) return err("report.mission_not_found", { id: req.missionId });
    return ok(await buildReport(deps.db, deps.config, { missionIds: [m.id], ...(req.people === false ? { people: false } : {}), label: { missionId: m.id } }));
  }
  if (req.cycleId !== undefined) {
    const c = await deps.db.cycle.findUnique({ where: { id: req.cycleId } });
    if (!c) return err("report.cycle_not_found", { id: req.cycleId });
    const report = await buildReport(deps.db, deps.config, {
      missionIds: await cycleMissionIds(deps.db, c), window: { from: c.startsAt, to: c.endsAt }, cycleId: c.id, ...(req.people === false ? { people: false } : {}),
      label: { cycleId: c.id, from: c.startsAt.toISOString(), to: c.endsAt.toISOString() },
    });
    const earned = await deps.db.ledgerDaily.aggregate({ where: { cycleId: c.id, kind: { in: [...EARNING_KINDS, "bonus"] } }, _sum: { amount: true } });
    const points = earned._sum.amount ?? 0;
    const cost = fromMinorUnits(costMinor(points, deps.config.POINT_VALUE, deps.config.PROGRAM_CURRENCY), deps.config.PROGRAM_CURRENCY);
    return ok({ ...report, cycle: { id: c.id, name: c.name, points, cost }, queries: report.queries + 3 });
  }
  const missions = await deps.db.mission.findMany({ where: { status: { not: "draft" } }, select: { id: true } });
  const report = await buildReport(deps.db, deps.config, { missionIds: missions.map((m) => m.id), ...(req.people === false ? { people: false } : {}) });
  return ok({ ...report, queries: report.queries + 1 });
}
