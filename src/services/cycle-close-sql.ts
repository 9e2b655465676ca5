// The cycle close as set-based SQL: every per-person row (standings, bonus, expiry and rollover
// entries, notices) is written by one INSERT … SELECT inside the database, so the statement count
// and the bound parameters are constant — nothing proportional to the number of people passes
// through the client. Numbers that come from code or validated settings (ids, bonus table, cap)
// are checked integers spliced as literals; every text (names, actor) and the time are bound.
import type { Db } from "../db/client.js";
import { AppError } from "../errors.js";
import type { CycleSettings } from "../domain/cycle-close.js";
import { clientProvider } from "./bulk-insert.js";
import { HIDDEN_STATUSES_SQL, SCORE_ORDER_SQL } from "./leaderboard.js";
import { preferredAccountsSql } from "./preferred-account.js";

const int = (n: number): string => {
  if (!Number.isSafeInteger(n)) throw new AppError("cycle_close.bad_number", "not an integer");
  return String(n);
};

export interface CloseSql {
  closedId: number;
  nextId: number;
  cycleName: string;
  actor: string;
  now: Date;
  settings: CycleSettings;
}

/** Standings of the closed cycle from the live scores, ranked by the shared order, bonus by rank. */
export async function insertStandings(db: Db, c: CloseSql): Promise<number> {
  const bonus = c.settings.bonuses.length
    ? `CASE r."rank" ${c.settings.bonuses.map((b, i) => `WHEN ${i + 1} THEN ${int(b)}`).join(" ")} ELSE 0 END`
    : "0";
  return db.$executeRawUnsafe(
    `INSERT INTO "CycleStanding" ("cycleId", "influencerId", "rank", "points", "bonus")
     SELECT ${int(c.closedId)}, r."influencerId", r."rank", r."earned", ${bonus}
     FROM (SELECT s."influencerId" AS "influencerId", s."earned" AS "earned", ROW_NUMBER() OVER (ORDER BY ${SCORE_ORDER_SQL}) AS "rank"
           FROM "CycleScore" s JOIN "Influencer" i ON i."id" = s."influencerId"
           WHERE s."cycleId" = ${int(c.closedId)} AND s."earned" > 0 AND i."status" NOT IN ${HIDDEN_STATUSES_SQL}) r`,
  );
}

/** Bonus entries (next cycle), expiry of positive balances (closed cycle) and capped rollover (next cycle). */
export async function insertCloseEntries(db: Db, c: CloseSql): Promise<void> {
  const pg = clientProvider(db) === "postgresql";
  const text = (i: number) => (pg ? `CAST($${i} AS TEXT)` : "?");
  const time = (i: number) => (pg ? `CAST($${i} AS TIMESTAMP(3))` : "?");
  const str = (sql: string) => `CAST(${sql} AS TEXT)`;
  const closed = int(c.closedId);
  const next = int(c.nextId);
  const ref = `cycle:${closed}`;
  const cols = `("influencerId", "cycleId", "amount", "kind", "reason", "reference", "idempotencyKey", "createdBy", "createdAt")`;
  const tail = ` ON CONFLICT ("idempotencyKey") DO NOTHING`;
  await db.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" ${cols}
     SELECT st."influencerId", ${next}, st."bonus", 'bonus', 'rank ' || ${str(`st."rank"`)}, '${ref}',
            'bonus:cycle:${closed}:influencer:' || ${str(`st."influencerId"`)}, ${text(1)}, ${time(2)}
     FROM "CycleStanding" st WHERE st."cycleId" = ${closed} AND st."bonus" > 0${tail}`,
    c.actor, c.now,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" ${cols}
     SELECT e."influencerId", ${closed}, -SUM(e."amount"), 'expiry', NULL, '${ref}',
            'expiry:cycle:${closed}:influencer:' || ${str(`e."influencerId"`)}, ${text(1)}, ${time(2)}
     FROM "LedgerEntry" e WHERE e."cycleId" = ${closed} GROUP BY e."influencerId" HAVING SUM(e."amount") > 0${tail}`,
    c.actor, c.now,
  );
  if (c.settings.expiry.policy !== "rollover" || c.settings.expiry.cap <= 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO "LedgerEntry" ${cols}
     SELECT x."influencerId", ${next}, ${pg ? "LEAST" : "MIN"}(-x."amount", ${int(c.settings.expiry.cap)}), 'rollover', NULL, '${ref}',
            'rollover:cycle:${closed}:influencer:' || ${str(`x."influencerId"`)}, ${text(1)}, ${time(2)}
     FROM "LedgerEntry" x WHERE x."cycleId" = ${closed} AND x."kind" = 'expiry' AND x."reference" = '${ref}'${tail}`,
    c.actor, c.now,
  );
}

/**
 * One notice per ranked person who can be reached (active, unpaused, not erased; their preferred
 * account by the shared SQL rule): winners hear rank and bonus, everyone else rank and points.
 * The payload has the outbox's i18n shape; the dedupe key makes a re-run insert nothing.
 */
export async function insertCloseNotices(db: Db, c: CloseSql): Promise<number> {
  const pg = clientProvider(db) === "postgresql";
  const obj = pg ? "jsonb_build_object" : "json_object";
  // PostgreSQL numbers its parameters; SQLite binds each "?" in order (name twice, then the time twice).
  const name = pg ? "CAST($1 AS TEXT)" : "?";
  const time = pg ? "CAST($2 AS TIMESTAMP(3))" : "?";
  const closed = int(c.closedId);
  const params = (withBonus: boolean) =>
    `${obj}('cycle', ${name}, 'rank', st."rank", 'points', st."points"${withBonus ? `, 'bonus', st."bonus"` : ""})`;
  const payload = `CASE WHEN st."bonus" > 0
      THEN ${obj}('kind', 'i18n', 'messageId', 'manage.cycle.winner_notice', 'params', ${params(true)})
      ELSE ${obj}('kind', 'i18n', 'messageId', 'manage.cycle.closed_notice', 'params', ${params(false)}) END`;
  return db.$executeRawUnsafe(
    `INSERT INTO "OutboxMessage" ("platform", "recipient", "influencerId", "purpose", "batchKey", "payload", "dedupeKey", "notBefore", "createdAt")
     SELECT p."platform", p."recipient", st."influencerId", 'cycle.closed', 'cycle:${closed}:closed', ${payload},
            'cycle:${closed}:closed:influencer:' || CAST(st."influencerId" AS TEXT), ${time}, ${time}
     FROM "CycleStanding" st
     JOIN "Influencer" i ON i."id" = st."influencerId"
     JOIN ${preferredAccountsSql()} p ON p."influencerId" = st."influencerId"
     WHERE st."cycleId" = ${closed} AND i."status" = 'active' AND i."messagesPaused" = false AND i."deletedAt" IS NULL
     ON CONFLICT ("dedupeKey") DO NOTHING`,
    ...(pg ? [c.cycleName, c.now] : [c.cycleName, c.cycleName, c.now, c.now]),
  );
}

/** The close's figures, read back from what the statements wrote. */
export async function closeFigures(db: Db, c: CloseSql): Promise<{ participants: number; bonusesPaid: number; expired: number; rolledOver: number }> {
  const closed = int(c.closedId);
  const ref = `'cycle:${closed}'`;
  const rows = await db.$queryRawUnsafe<Record<"participants" | "bonusesPaid" | "expired" | "rolledOver", number | bigint | null>[]>(
    `SELECT (SELECT COUNT(*) FROM "CycleStanding" WHERE "cycleId" = ${closed}) AS "participants",
            (SELECT SUM("bonus") FROM "CycleStanding" WHERE "cycleId" = ${closed}) AS "bonusesPaid",
            (SELECT -SUM("amount") FROM "LedgerEntry" WHERE "cycleId" = ${closed} AND "kind" = 'expiry' AND "reference" = ${ref}) AS "expired",
            (SELECT SUM("amount") FROM "LedgerEntry" WHERE "cycleId" = ${int(c.nextId)} AND "kind" = 'rollover' AND "reference" = ${ref}) AS "rolledOver"`,
  );
  const r = rows[0];
  const n = (v: number | bigint | null | undefined) => Number(v ?? 0);
  return { participants: n(r?.participants), bonusesPaid: n(r?.bonusesPaid), expired: n(r?.expired), rolledOver: n(r?.rolledOver) };
}
