// The program funnel for a cycle: invited → joined → active → submitted → approved → redeemed,
// each a number of PEOPLE. The middle stages come from the measurement report's per-influencer
// rows (no second read of participations or submissions); only the ends need their own counts.
import type { Db } from "../db/client.js";
import type { FunnelStage } from "./charts-specs.js";
import type { MeasurementReport } from "./measurement.js";

export interface FunnelWindow {
  cycleId: number;
  to: Date;
}

/** Invited: everyone in the program by the end of the window (erased people left out); joined: who finished onboarding by then. */
export async function funnelCounts(db: Pick<Db, "influencer" | "redemption">, report: Pick<MeasurementReport, "influencers">, window: FunnelWindow): Promise<Record<FunnelStage, number>> {
  const [invited, joined, redeemers] = await Promise.all([
    db.influencer.count({ where: { createdAt: { lt: window.to }, deletedAt: null } }),
    db.influencer.count({ where: { activatedAt: { lt: window.to }, deletedAt: null } }),
    db.redemption.groupBy({ by: ["influencerId"], where: { cycleId: window.cycleId, status: { not: "cancelled" } } }),
  ]);
  // The anonymous row sums erased people: they are not counted as anyone.
  const people = report.influencers.filter((r) => !r.anonymous);
  return {
    invited,
    joined,
    active: people.filter((r) => r.accepted > 0).length,
    submitted: people.filter((r) => r.submitted > 0).length,
    approved: people.filter((r) => r.approved > 0).length,
    redeemed: redeemers.length,
  };
}
