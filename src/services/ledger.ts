// The points ledger: append-only entries with a unique idempotency key. A balance is a sum;
// writing the same key twice (retries, concurrent calls) lands the points once.
import type { Db } from "../db/client.js";
import type { Clock } from "../clock.js";
import { cycleContaining, type CycleLength } from "../domain/cycles.js";
import { isUniqueViolation } from "./deps.js";

export type LedgerKind =
  | "mission"
  | "bonus"
  | "redemption"
  | "refund"
  | "adjustment"
  | "expiry"
  | "rollover"
  | "reversal";

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

/** Appends an entry; returns { created: false } with the existing entry if the key was used. */
export async function appendEntry(db: LedgerDb, write: LedgerWrite) {
  try {
    const entry = await db.ledgerEntry.create({ data: { ...write, reason: write.reason ?? null, reference: write.reference ?? null, createdBy: write.createdBy ?? null } });
    return { created: true as const, entry };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const entry = await db.ledgerEntry.findUniqueOrThrow({ where: { idempotencyKey: write.idempotencyKey } });
    return { created: false as const, entry };
  }
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
