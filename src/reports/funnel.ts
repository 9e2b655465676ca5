// The program funnel for a cycle: invited → joined → active → submitted → approved → redeemed,
// each a number of PEOPLE, each one grouped count (COUNT DISTINCT) — never a row per person read
// into the application. The middle stages count what the measurement report counts for the
// cycle's missions inside its window (accepted, posted, approved), erased people left out.
import type { Db } from "../db/client.js";
import { clientProvider } from "../services/bulk-insert.js";
import type { FunnelStage } from "./charts-specs.js";
import type { Window } from "./figures-sql.js";

export interface FunnelWindow extends Window {
  cycleId: number;
  /** the cycle's missions (the report's scope) */
  missionIds: number[];
}

/** Invited: everyone in the program by the end of the window (erased people left out); joined: who finished onboarding by then. */
export async function funnelCounts(db: Db, window: FunnelWindow): Promise<Record<FunnelStage, number>> {
  const [invited, joined, redeemers, middle] = await Promise.all([
    db.influencer.count({ where: { createdAt: { lt: window.to }, deletedAt: null } }),
    db.influencer.count({ where: { activatedAt: { lt: window.to }, deletedAt: null } }),
    redeemerCount(db, window.cycleId),
    middleStages(db, window),
  ]);
  return { invited, joined, ...middle, redeemed: redeemers };
}

/** People with a redemption in the cycle, counted in SQL (a grouped read returned one row per person). */
async function redeemerCount(db: Db, cycleId: number): Promise<number> {
  const c = clientProvider(db) === "postgresql" ? "$1" : "?";
  const [r] = await db.$queryRawUnsafe<{ n: unknown }[]>(
    `SELECT COUNT(DISTINCT "influencerId") AS "n" FROM "Redemption" WHERE "cycleId" = ${c} AND "status" <> 'cancelled'`,
    cycleId,
  );
  return Number(r?.n ?? 0);
}

async function middleStages(db: Db, w: FunnelWindow): Promise<Pick<Record<FunnelStage, number>, "active" | "submitted" | "approved">> {
  if (!w.missionIds.length) return { active: 0, submitted: 0, approved: 0 };
  const args: unknown[] = [];
  const pg = clientProvider(db) === "postgresql";
  const p = (v: unknown) => (args.push(v), pg ? `$${args.length}` : "?");
  const ids = () => w.missionIds.map((id) => p(id)).join(", ");
  // Erased people are left out through their (few) ids rather than a join per row: each count is
  // then one range of a covering index (Participation/Submission by mission and time), and the
  // ids come from two indexed reads of Influencer. A row's person always exists (cascade).
  const erased = `SELECT e."id" FROM "Influencer" e WHERE e."deletedAt" IS NOT NULL UNION SELECT e."id" FROM "Influencer" e WHERE e."status" = 'deleted'`;
  const range = (alias: string, col: string) =>
    `FROM ${alias === "p" ? `"Participation"` : `"Submission"`} ${alias} WHERE ${alias}."missionId" IN (${ids()}) AND ${alias}."${col}" >= ${p(w.from)} AND ${alias}."${col}" < ${p(w.to)} AND ${alias}."influencerId" NOT IN (${erased})`;
  // submitted and approved share one pass over the submissions
  const [r] = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT (SELECT COUNT(DISTINCT p."influencerId") ${range("p", "acceptedAt")}) AS "active", s."submitted", s."approved"
     FROM (SELECT COUNT(DISTINCT s."influencerId") AS "submitted",
                  COUNT(DISTINCT CASE WHEN s."status" IN ('verified', 'approved') THEN s."influencerId" END) AS "approved" ${range("s", "createdAt")}) s`,
    ...args,
  );
  return { active: Number(r?.active ?? 0), submitted: Number(r?.submitted ?? 0), approved: Number(r?.approved ?? 0) };
}
