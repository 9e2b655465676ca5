// The live leaderboard of the current cycle, read from the maintained standings (CycleScore,
// updated with every earning ledger entry). It ranks exactly like the cycle close: points earned
// desc, then whoever reached their total first (smaller id of their latest earning entry), then
// the smaller influencer id — so the live ranks match the final. Top-N is one index read of
// (cycleId, earned DESC, lastEntryId, influencerId); an own rank is one counted range over it.
import { EARNING_KINDS, type Standing } from "../domain/cycle-close.js";
import type { Db } from "../db/client.js";
import { clientProvider } from "./bulk-insert.js";
import { currentCycle } from "./ledger.js";
import { HIDDEN_STATUSES_SQL, SCORE_ORDER_SQL } from "./standings-sql.js";
import type { Deps } from "./deps.js";

export interface LeaderboardRow {
  rank: number;
  influencerId: number;
  name: string | null;
  points: number;
}

export interface Leaderboard {
  top: LeaderboardRow[];
  own: LeaderboardRow | null;
  participants: number;
}

export const MAX_LEADERBOARD_SIZE = 100;

type Num = number | bigint;
const placeholders = (db: Db, n: number) =>
  Array.from({ length: n }, (_, i) => (clientProvider(db) === "postgresql" ? `$${i + 1}` : "?"));

/** The first `limit` ranked rows of a cycle (index order; hidden people skipped by the join). */
export async function topScores(db: Db, cycleId: number, limit: number) {
  const [c, l] = placeholders(db, 2);
  const rows = await db.$queryRawUnsafe<{ influencerId: Num; earned: Num; name: string | null }[]>(
    `SELECT s."influencerId" AS "influencerId", s."earned" AS "earned", i."displayName" AS "name"
     FROM "CycleScore" s JOIN "Influencer" i ON i."id" = s."influencerId"
     WHERE s."cycleId" = ${c} AND s."earned" > 0 AND i."status" NOT IN ${HIDDEN_STATUSES_SQL}
     ORDER BY ${SCORE_ORDER_SQL} LIMIT ${l}`,
    cycleId, limit,
  );
  return rows.map((r, i) => ({ rank: i + 1, influencerId: Number(r.influencerId), points: Number(r.earned), name: r.name }));
}

/**
 * One statement: the person's score, how many rank ahead of them — the people in the buckets of
 * higher totals plus their ties who reached it first (a short index range) — and how many are
 * ranked at all. The cost follows the number of distinct totals, not the number of people.
 */
async function ownRank(db: Db, cycleId: number, influencerId: number): Promise<{ rank: number; points: number; participants: number } | null> {
  const [c, who] = placeholders(db, 2);
  const rows = await db.$queryRawUnsafe<{ points: Num; above: Num | null; ties: Num; total: Num | null }[]>(
    `SELECT me."earned" AS "points",
       (SELECT SUM(b."people") FROM "CycleScoreBucket" b WHERE b."cycleId" = me."cycleId" AND b."earned" > me."earned") AS "above",
       (SELECT COUNT(*) FROM "CycleScore" s WHERE s."cycleId" = me."cycleId" AND s."earned" = me."earned"
          AND (s."lastEntryId" < me."lastEntryId" OR (s."lastEntryId" = me."lastEntryId" AND s."influencerId" < me."influencerId"))) AS "ties",
       (SELECT SUM(b."people") FROM "CycleScoreBucket" b WHERE b."cycleId" = me."cycleId" AND b."earned" > 0) AS "total"
     FROM "CycleScore" me WHERE me."cycleId" = ${c} AND me."influencerId" = ${who}`,
    cycleId, influencerId,
  );
  const r = rows[0];
  if (!r || Number(r.points) <= 0) return null;
  return { points: Number(r.points), rank: Number(r.above ?? 0) + Number(r.ties) + 1, participants: Number(r.total ?? 0) };
}

async function participantCount(db: Db, cycleId: number): Promise<number> {
  const [c] = placeholders(db, 1);
  const rows = await db.$queryRawUnsafe<{ n: Num | null }[]>(
    `SELECT SUM(b."people") AS "n" FROM "CycleScoreBucket" b WHERE b."cycleId" = ${c} AND b."earned" > 0`,
    cycleId,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Every ranked person of a cycle in rank order (for the broadcast job, which needs everyone's
 * rank): one ordered index read, no sorting in Node. Nobody without points.
 */
export async function cycleStandings(db: Deps["db"], cycleId: number): Promise<Standing[]> {
  const [c] = placeholders(db, 1);
  const rows = await db.$queryRawUnsafe<{ influencerId: Num; earned: Num }[]>(
    `SELECT s."influencerId" AS "influencerId", s."earned" AS "earned"
     FROM "CycleScore" s JOIN "Influencer" i ON i."id" = s."influencerId"
     WHERE s."cycleId" = ${c} AND s."earned" > 0 AND i."status" NOT IN ${HIDDEN_STATUSES_SQL}
     ORDER BY ${SCORE_ORDER_SQL}`,
    cycleId,
  );
  return rows.map((r, i) => ({ influencerId: Number(r.influencerId), rank: i + 1, points: Number(r.earned), bonus: 0 }));
}

export async function leaderboard(deps: Deps, influencerId: number | null, size = 10): Promise<Leaderboard> {
  const cycle = await currentCycle(deps.db, deps.clock);
  const limit = Math.max(1, Math.min(MAX_LEADERBOARD_SIZE, Math.floor(size)));
  const [top, own] = await Promise.all([
    topScores(deps.db, cycle.id, limit),
    influencerId === null ? Promise.resolve(null) : ownRank(deps.db, cycle.id, influencerId),
  ]);
  const participants = own ? own.participants : await participantCount(deps.db, cycle.id);
  let ownRow: LeaderboardRow | null = null;
  if (own && influencerId !== null) {
    const inTop = top.find((r) => r.influencerId === influencerId);
    const name = inTop ? inTop.name : (await deps.db.influencer.findUnique({ where: { id: influencerId }, select: { displayName: true } }))?.displayName ?? null;
    ownRow = { rank: own.rank, influencerId, points: own.points, name };
  }
  return { top, own: ownRow, participants };
}

/**
 * Rebuilds the live standings from the ledger (the migration's backfill, for data loaded around
 * appendEntry: imports, benches). Idempotent: missing pairs are added, then the buckets recounted.
 */
export async function backfillCycleScores(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO "CycleScore" ("cycleId", "influencerId", "earned", "lastEntryId", "entries")
     SELECT e."cycleId", e."influencerId", SUM(e."amount"), MAX(e."id"), COUNT(*)
     FROM "LedgerEntry" e JOIN "Influencer" i ON i."id" = e."influencerId"
     WHERE e."kind" IN (${EARNING_KINDS.map((k) => `'${k}'`).join(", ")}) AND i."status" NOT IN ${HIDDEN_STATUSES_SQL}
       AND NOT EXISTS (SELECT 1 FROM "CycleScore" s WHERE s."cycleId" = e."cycleId" AND s."influencerId" = e."influencerId")
     GROUP BY e."cycleId", e."influencerId"`,
  );
  await db.$executeRawUnsafe(`DELETE FROM "CycleScoreBucket"`);
  await db.$executeRawUnsafe(
    `INSERT INTO "CycleScoreBucket" ("cycleId", "earned", "people") SELECT "cycleId", "earned", COUNT(*) FROM "CycleScore" GROUP BY "cycleId", "earned"`,
  );
}

/** Erasure (or leaving): their live scores go, and the buckets they were counted in shrink. */
export async function dropScores(db: Db, influencerId: number): Promise<void> {
  const [a] = placeholders(db, 1);
  await db.$executeRawUnsafe(
    `UPDATE "CycleScoreBucket" SET "people" = "people" - 1
     WHERE EXISTS (SELECT 1 FROM "CycleScore" s WHERE s."influencerId" = ${a} AND s."cycleId" = "CycleScoreBucket"."cycleId" AND s."earned" = "CycleScoreBucket"."earned")`,
    influencerId,
  );
  await db.cycleScore.deleteMany({ where: { influencerId } });
}
