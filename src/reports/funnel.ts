// The program funnel for a cycle: invited → joined → active → submitted → approved → redeemed,
// each a number of PEOPLE, each one grouped count — never a row per person read into the
// application. The middle stages count what the measurement report counts for the cycle's missions
// inside its window (accepted, posted, approved), erased people left out. They are read from
// CycleFunnel (one row per person of the cycle, kept by triggers) when that gives the same people:
// the window is the cycle's own and no row inside it belongs to a mission outside the report's
// scope. Otherwise (a window or a mission list of the caller's own) they are counted from the rows.
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

type MiddleStages = Pick<Record<FunnelStage, number>, "active" | "submitted" | "approved">;

// Erased people are left out through their (few) ids rather than a join per row: each count is
// then one range of a covering index, and the ids come from two indexed reads of Influencer.
const ERASED = `SELECT e."id" FROM "Influencer" e WHERE e."deletedAt" IS NOT NULL UNION SELECT e."id" FROM "Influencer" e WHERE e."status" = 'deleted'`;

/** Where the middle stages come from: the per-cycle rollup, or the rows when the rollup would count other rows. */
export async function middleStagesSource(db: Db, w: FunnelWindow): Promise<"rollup" | "rows"> {
  const cycle = await db.cycle.findUnique({ where: { id: w.cycleId }, select: { startsAt: true, endsAt: true } });
  if (!cycle || cycle.startsAt.getTime() !== w.from.getTime() || cycle.endsAt.getTime() !== w.to.getTime()) return "rows";
  return (await strayRows(db, w)) ? "rows" : "rollup";
}

/** Whether a participation accepted or a submission made in the window belongs to a mission outside the scope: one index probe per other mission. */
async function strayRows(db: Db, w: FunnelWindow): Promise<boolean> {
  const args: unknown[] = [];
  const pg = clientProvider(db) === "postgresql";
  const p = (v: unknown) => (args.push(v), pg ? `$${args.length}` : "?");
  const outside = w.missionIds.length ? `m."id" NOT IN (${w.missionIds.map((id) => p(id)).join(", ")})` : "1 = 1";
  const [r] = await db.$queryRawUnsafe<{ stray: unknown }[]>(
    `SELECT EXISTS (SELECT 1 FROM "Mission" m WHERE ${outside} AND (
       EXISTS (SELECT 1 FROM "Participation" p WHERE p."missionId" = m."id" AND p."acceptedAt" >= ${p(w.from)} AND p."acceptedAt" < ${p(w.to)})
       OR EXISTS (SELECT 1 FROM "Submission" s WHERE s."missionId" = m."id" AND s."createdAt" >= ${p(w.from)} AND s."createdAt" < ${p(w.to)}))) AS "stray"`,
    ...args,
  );
  return r?.stray === true || Number(r?.stray) === 1;
}

async function middleStages(db: Db, w: FunnelWindow): Promise<MiddleStages> {
  if (!w.missionIds.length) return { active: 0, submitted: 0, approved: 0 };
  return (await middleStagesSource(db, w)) === "rollup" ? middleStagesFromRollup(db, w.cycleId) : middleStagesFromRows(db, w);
}

/** One range of CycleFunnel's covering index: the cycle's people with a number above 0 per stage. */
async function middleStagesFromRollup(db: Db, cycleId: number): Promise<MiddleStages> {
  const c = clientProvider(db) === "postgresql" ? "$1" : "?";
  const [r] = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT SUM(CASE WHEN f."accepted" > 0 THEN 1 ELSE 0 END) AS "active", SUM(CASE WHEN f."submitted" > 0 THEN 1 ELSE 0 END) AS "submitted",
            SUM(CASE WHEN f."approved" > 0 THEN 1 ELSE 0 END) AS "approved"
     FROM "CycleFunnel" f WHERE f."cycleId" = ${c} AND f."influencerId" NOT IN (${ERASED})`,
    cycleId,
  );
  return { active: Number(r?.active ?? 0), submitted: Number(r?.submitted ?? 0), approved: Number(r?.approved ?? 0) };
}

/** COUNT(DISTINCT) over the rows of the scope's missions in the window: each one range of a covering index (Participation/Submission by mission and time). */
async function middleStagesFromRows(db: Db, w: FunnelWindow): Promise<MiddleStages> {
  const args: unknown[] = [];
  const pg = clientProvider(db) === "postgresql";
  const p = (v: unknown) => (args.push(v), pg ? `$${args.length}` : "?");
  const ids = () => w.missionIds.map((id) => p(id)).join(", ");
  const erased = ERASED;
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
