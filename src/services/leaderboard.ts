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

/** One row of the board statement: the open cycle ("c"), a top row ("t"), the reader ("o") or the count ("p"). */
interface BoardRow {
  kind: "c" | "t" | "o" | "p";
  influencerId: Num | null;
  earned: Num | null;
  lastEntryId: Num | null;
  name: string | null;
  /** "o": how many rank ahead (the buckets of higher totals plus the ties who reached it first); "p": everyone ranked */
  ahead: Num | null;
}

/**
 * The whole board in ONE statement (each round trip costs more than the SQL itself, about 1 ms on
 * 100k people): the open cycle, its top `limit` rows (an index read), the reader's rank and the
 * number ranked. The reader's rank is the people in the buckets of higher totals plus their ties who
 * reached the total first — one range of (cycleId, earned, lastEntryId, influencerId) compared as a
 * row value, an index-only count — so it costs the same whatever the number of people.
 * Exported for bench/cycle-close.ts, which prints its plan (BENCH_EXPLAIN=1).
 */
export function boardSql(db: Db, withOwn: boolean): string {
  const [limit, who] = placeholders(db, 2);
  const cycle = `(SELECT "id" FROM "Cycle" WHERE "status" = 'open' ORDER BY "startsAt" DESC LIMIT 1)`;
  const parts = [
    `SELECT 'c' AS "kind", ${cycle} AS "influencerId", NULL AS "earned", NULL AS "lastEntryId", NULL AS "name", CAST(NULL AS BIGINT) AS "ahead"`,
    `SELECT * FROM (SELECT 't' AS "kind", s."influencerId", s."earned", s."lastEntryId", i."displayName" AS "name", CAST(NULL AS BIGINT) AS "ahead"
       FROM "CycleScore" s JOIN "Influencer" i ON i."id" = s."influencerId"
       WHERE s."cycleId" = ${cycle} AND s."earned" > 0 AND i."status" NOT IN ${HIDDEN_STATUSES_SQL}
       ORDER BY ${SCORE_ORDER_SQL} LIMIT ${limit}) t`,
    `SELECT 'p', NULL, NULL, NULL, NULL, (SELECT SUM(b."people") FROM "CycleScoreBucket" b WHERE b."cycleId" = ${cycle} AND b."earned" > 0)`,
  ];
  if (withOwn) {
    parts.push(`SELECT 'o', me."influencerId", me."earned", me."lastEntryId", i."displayName",
         COALESCE((SELECT SUM(b."people") FROM "CycleScoreBucket" b WHERE b."cycleId" = me."cycleId" AND b."earned" > me."earned"), 0)
         + (SELECT COUNT(*) FROM "CycleScore" s WHERE s."cycleId" = me."cycleId" AND s."earned" = me."earned"
              AND (s."lastEntryId", s."influencerId") < (me."lastEntryId", me."influencerId"))
       FROM "CycleScore" me JOIN "Influencer" i ON i."id" = me."influencerId"
       WHERE me."cycleId" = ${cycle} AND me."influencerId" = ${who}`);
  }
  return parts.join("\n UNION ALL\n");
}

async function readBoard(db: Db, influencerId: number | null, limit: number): Promise<BoardRow[]> {
  const args: unknown[] = influencerId === null ? [limit] : [limit, influencerId];
  return db.$queryRawUnsafe<BoardRow[]>(boardSql(db, influencerId !== null), ...args);
}

export async function leaderboard(deps: Deps, influencerId: number | null, size = 10): Promise<Leaderboard> {
  const limit = Math.max(1, Math.min(MAX_LEADERBOARD_SIZE, Math.floor(size)));
  let rows = await readBoard(deps.db, influencerId, limit);
  if (rows.find((r) => r.kind === "c")?.influencerId == null) {
    // No open cycle yet: open the calendar one, as every other reader of the current cycle does.
    await currentCycle(deps.db, deps.clock);
    rows = await readBoard(deps.db, influencerId, limit);
  }
  // UNION ALL keeps no order: the top rows are put back in rank order (at most MAX_LEADERBOARD_SIZE).
  const top = rows.filter((r) => r.kind === "t")
    .sort((a, b) => Number(b.earned) - Number(a.earned) || Number(a.lastEntryId) - Number(b.lastEntryId) || Number(a.influencerId) - Number(b.influencerId))
    .map((r, i) => ({ rank: i + 1, influencerId: Number(r.influencerId), points: Number(r.earned), name: r.name }));
  const own = rows.find((r) => r.kind === "o" && Number(r.earned) > 0);
  const participants = Number(rows.find((r) => r.kind === "p")?.ahead ?? 0);
  return {
    top,
    own: own && influencerId !== null ? { rank: Number(own.ahead ?? 0) + 1, influencerId, points: Number(own.earned), name: own.name } : null,
    participants,
  };
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
