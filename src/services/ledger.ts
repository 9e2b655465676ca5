// The points ledger: append-only entries with a unique idempotency key. A balance is a sum;
// writing the same key twice (retries, concurrent calls) lands the points once.
import type { Db } from "../db/client.js";
import type { Clock } from "../clock.js";
import { cycleContaining, type CycleLength } from "../domain/cycles.js";
import { EARNING_KINDS } from "../domain/cycle-close.js";
import { clientProvider } from "./bulk-insert.js";
import { isUniqueViolation } from "./deps.js";
import { HIDDEN_STATUSES_SQL } from "./standings-sql.js";

export type LedgerKind =
  | "mission"
  | "bonus"
  | "redemption"
  | "refund"
  | "adjustment"
  | "expiry"
  | "rollover"
  | "reversal"
  | "conversion";

export interface LedgerWrite {
  influencerId: number;
  cycleId: number;
  amount: number;
  kind: LedgerKind;
  idempotencyKey: string;
  reason?: string | null;
  reference?: string | null;
  createdBy?: string | null;
}

type LedgerDb = Pick<Db, "ledgerEntry">;
/** A root client or an interactive transaction's client (which has no $transaction). */
type WriterDb = Pick<Db, "ledgerEntry" | "$executeRawUnsafe" | "$queryRawUnsafe"> & Partial<Pick<Db, "$transaction">>;

const EARNING = new Set<string>(EARNING_KINDS);

/**
 * THE write path of LedgerEntry rows written one at a time: appends an entry and, for an earning
 * kind, updates the live standings (CycleScore) in the same transaction. Returns
 * { created: false } with the existing entry if the key was used. (The cycle close writes its
 * bonus/expiry/rollover rows set-based in SQL; none of those kinds is an earning kind.)
 */
export async function appendEntry(db: WriterDb, write: LedgerWrite) {
  const data = { ...write, reason: write.reason ?? null, reference: write.reference ?? null, createdBy: write.createdBy ?? null };
  const run = async (tx: WriterDb) => {
    const entry = await tx.ledgerEntry.create({ data });
    if (EARNING.has(entry.kind)) await addToScore(tx, entry);
    return entry;
  };
  try {
    // Earning entries on a root client get their own transaction; a transaction client already is one.
    const entry = EARNING.has(write.kind) && db.$transaction
      ? await db.$transaction((tx) => run(tx as unknown as WriterDb))
      : await run(db);
    return { created: true as const, entry };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const entry = await db.ledgerEntry.findUniqueOrThrow({ where: { idempotencyKey: write.idempotencyKey } });
    return { created: false as const, entry };
  }
}

/**
 * Upsert of the (cycle, influencer) score, then the two buckets it moves between. lastEntryId
 * takes the larger id: under concurrent PostgreSQL transactions ids can commit out of order, and
 * the tie-break wants the latest entry. The upsert holds the score row's lock, so the total it
 * returns is exact even under concurrent awards to one person. People erased or gone get no row.
 */
async function addToScore(db: WriterDb, entry: { id: number; cycleId: number; influencerId: number; amount: number }): Promise<void> {
  const pg = clientProvider(db as unknown as Db) === "postgresql";
  const p = (i: number) => (pg ? `CAST($${i} AS INTEGER)` : "?");
  const rows = await db.$queryRawUnsafe<{ earned: number | bigint; entries: number | bigint }[]>(
    `INSERT INTO "CycleScore" ("cycleId", "influencerId", "earned", "lastEntryId", "entries")
     SELECT ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 1 WHERE NOT EXISTS
       (SELECT 1 FROM "Influencer" h WHERE h."id" = ${p(5)} AND h."status" IN ${HIDDEN_STATUSES_SQL})
     ON CONFLICT ("cycleId", "influencerId") DO UPDATE SET
       "earned" = "CycleScore"."earned" + excluded."earned",
       "lastEntryId" = ${pg ? "GREATEST" : "MAX"}("CycleScore"."lastEntryId", excluded."lastEntryId"),
       "entries" = "CycleScore"."entries" + 1
     RETURNING "earned", "entries"`,
    entry.cycleId, entry.influencerId, entry.amount, entry.id, entry.influencerId,
  );
  const row = rows[0];
  if (!row) return; // hidden person: not ranked
  const now = Number(row.earned);
  if (Number(row.entries) > 1) await moveBucket(db, pg, entry.cycleId, now - entry.amount, -1);
  await moveBucket(db, pg, entry.cycleId, now, 1);
}

async function moveBucket(db: WriterDb, pg: boolean, cycleId: number, earned: number, delta: 1 | -1): Promise<void> {
  const p = (i: number) => (pg ? `$${i}` : "?");
  await db.$executeRawUnsafe(
    `INSERT INTO "CycleScoreBucket" ("cycleId", "earned", "people") VALUES (${p(1)}, ${p(2)}, ${p(3)})
     ON CONFLICT ("cycleId", "earned") DO UPDATE SET "people" = "CycleScoreBucket"."people" + excluded."people"`,
    cycleId, earned, delta,
  );
}

export async function cycleBalance(db: LedgerDb, influencerId: number, cycleId: number): Promise<number> {
  const r = await db.ledgerEntry.aggregate({ where: { influencerId, cycleId }, _sum: { amount: true } });
  return r._sum.amount ?? 0;
}

export async function lifetimeEarned(db: LedgerDb, influencerId: number): Promise<number> {
  const r = await db.ledgerEntry.aggregate({
    where: { influencerId, amount: { gt: 0 }, kind: { notIn: ["refund", "rollover"] } },
    _sum: { amount: true },
  });
  return r._sum.amount ?? 0;
}

/**
 * The open cycle, opening the calendar cycle containing now if none is open yet.
 * Two callers racing to open it collide on Cycle.startsAt; the loser reads the winner's row.
 */
export async function currentCycle(db: Pick<Db, "cycle" | "programSetting">, clock: Clock) {
  const open = await db.cycle.findFirst({ where: { status: "open" }, orderBy: { startsAt: "desc" } });
  if (open) return open;
  const length = await cycleLengthSetting(db);
  const bounds = cycleContaining(clock.now(), length);
  try {
    return await db.cycle.create({ data: { ...bounds, status: "open" } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return db.cycle.findUniqueOrThrow({ where: { startsAt: bounds.startsAt } });
  }
}

export async function cycleLengthSetting(db: Pick<Db, "programSetting">): Promise<CycleLength> {
  const row = await db.programSetting.findUnique({ where: { key: "cycle" } });
  const value = row?.value as { length?: string } | null | undefined;
  return value?.length === "semester" || value?.length === "year" ? value.length : "quarter";
}
