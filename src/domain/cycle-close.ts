// Reward cycle close arithmetic (pure): settings, standings with their tie-break, bonuses,
// expiry/rollover amounts and the next cycle's bounds.
import { z } from "zod";
import { cycleContaining, type CycleBounds } from "./cycles.js";

export const cycleSettingsSchema = z.object({
  /** calendar-aligned quarter | semester | year, or custom dates */
  length: z.enum(["quarter", "semester", "year", "custom"]).default("quarter"),
  /** custom: the end of the next cycle (ISO); without it a custom cycle repeats the closed one's length */
  nextEndsAt: z.coerce.date().optional(),
  /** points added for 1st, 2nd, 3rd, ... place */
  bonuses: z.array(z.number().int().min(0).max(10_000_000)).max(100).default([]),
  expiry: z
    .discriminatedUnion("policy", [
      z.object({ policy: z.literal("reset") }),
      z.object({ policy: z.literal("rollover"), cap: z.number().int().min(0) }),
    ])
    .default({ policy: "reset" }),
});
export type CycleSettings = z.output<typeof cycleSettingsSchema>;
export const DEFAULT_CYCLE_SETTINGS: CycleSettings = cycleSettingsSchema.parse({});

/**
 * Kinds that count as EARNED in a cycle (the ranking); bonus, refund, rollover, expiry and redemptions
 * do not. "conversion": points per attributed sale, negative when a refund takes them back (issue 13).
 */
export const EARNING_KINDS = ["mission", "adjustment", "conversion"] as const;

export interface EarnedRow {
  influencerId: number;
  earned: number;
  /** id of their latest earning entry: the ledger id grows with time */
  lastEntryId: number;
}

export interface Standing {
  influencerId: number;
  rank: number;
  points: number;
  bonus: number;
}

/**
 * Ranks by points earned in the cycle, highest first. Tie-break: whoever reached their total
 * first (smaller id of their latest earning entry) ranks higher; then the smaller influencer id.
 * Ranks are unique (1, 2, 3, ...). Bonus[i] goes to rank i+1 when they earned more than 0.
 */
export function rankStandings(rows: EarnedRow[], bonuses: number[]): Standing[] {
  const sorted = [...rows].sort((a, b) => b.earned - a.earned || a.lastEntryId - b.lastEntryId || a.influencerId - b.influencerId);
  return sorted.map((r, i) => ({ influencerId: r.influencerId, rank: i + 1, points: r.earned, bonus: r.earned > 0 ? (bonuses[i] ?? 0) : 0 }));
}

export interface ExpiryMove {
  influencerId: number;
  /** negative: what leaves the closed cycle */
  expiry: number;
  /** positive: what enters the next cycle (0 under reset) */
  rollover: number;
}

/** Positive balances expire in the closed cycle; under a capped rollover up to `cap` carries over. */
export function expiryMoves(balances: { influencerId: number; balance: number }[], settings: CycleSettings): ExpiryMove[] {
  const out: ExpiryMove[] = [];
  for (const b of balances) {
    if (b.balance <= 0) continue;
    const rollover = settings.expiry.policy === "rollover" ? Math.min(b.balance, settings.expiry.cap) : 0;
    out.push({ influencerId: b.influencerId, expiry: -b.balance, rollover });
  }
  return out;
}

/**
 * The cycle after one whose effective end is `end` (the planned end, or "now" when closed early).
 * Calendar lengths: the rest of the calendar period containing `end` (the whole next period when
 * `end` is a boundary). Custom: until settings.nextEndsAt, else as long as the closed cycle.
 */
export function nextCycleBounds(closed: { startsAt: Date; endsAt: Date }, end: Date, settings: CycleSettings): CycleBounds {
  if (settings.length === "custom") {
    const planned = settings.nextEndsAt && settings.nextEndsAt.getTime() > end.getTime() ? settings.nextEndsAt : undefined;
    const endsAt = planned ?? new Date(end.getTime() + Math.max(86_400_000, closed.endsAt.getTime() - closed.startsAt.getTime()));
    return { name: `${end.toISOString().slice(0, 10)} – ${endsAt.toISOString().slice(0, 10)}`, startsAt: end, endsAt };
  }
  const period = cycleContaining(end, settings.length);
  if (period.startsAt.getTime() === end.getTime()) return period;
  return { name: `${period.name} (${end.toISOString().slice(0, 10)})`, startsAt: end, endsAt: period.endsAt };
}
