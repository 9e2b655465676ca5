// Tiers and badges from the program's side: the tier list (ProgramSetting "tiers"), each person's
// tier derived from the ledger in one grouped query, and the once-only notices when someone
// reaches a tier or earns a badge (outbox, deduplicated by a key naming the tier or badge).
import type { Db } from "../db/client.js";
import { badgesEarned, type Badge } from "../domain/badges.js";
import {
  DEFAULT_TIER_PROGRAM, announceableTier, localized, tierProgramSchema, tierStanding,
  type Tier, type TierProgram, type TierStanding,
} from "../domain/tiers.js";
import { pickLocale, type Locale } from "../i18n/translate.js";
import { currentCycle } from "./ledger.js";
import { tellInfluencers, type InfluencerNotice } from "./outcome-notices.js";
import type { Deps } from "./deps.js";

export const TIER_SETTING = "tiers";

/**
 * The ledger kinds a tier counts: what was earned (missions, adjustments, cycle bonuses) net of
 * reversals (a post found removed). Spending (redemptions) never lowers a tier; a rollover is
 * not earned again.
 */
export const TIER_KINDS = ["mission", "adjustment", "bonus", "reversal", "conversion"] as const;

export async function readTierProgram(db: Pick<Db, "programSetting">): Promise<TierProgram> {
  const row = await db.programSetting.findUnique({ where: { key: TIER_SETTING } });
  if (!row) return DEFAULT_TIER_PROGRAM;
  const parsed = tierProgramSchema.safeParse(row.value);
  // A setting written by this code always parses; an edited-by-hand one that doesn't falls back
  // rather than taking /points down.
  return parsed.success ? parsed.data : DEFAULT_TIER_PROGRAM;
}

export async function writeTierProgram(db: Pick<Db, "programSetting">, program: TierProgram): Promise<void> {
  const value = JSON.parse(JSON.stringify(tierProgramSchema.parse(program))) as object;
  await db.programSetting.upsert({ where: { key: TIER_SETTING }, create: { key: TIER_SETTING, value }, update: { value } });
}

/**
 * Points on the program's tier basis for several people, in one grouped query. "all": everyone
 * with a counted entry (for audiences too large for an IN list); people absent have 0.
 */
export async function tierPoints(
  db: Pick<Db, "ledgerEntry">,
  influencerIds: readonly number[] | "all",
  basis: TierProgram["basis"],
  cycleId: number,
): Promise<Map<number, number>> {
  const all = influencerIds === "all";
  const out = new Map<number, number>(all ? [] : influencerIds.map((id) => [id, 0]));
  if (!all && !influencerIds.length) return out;
  const rows = await db.ledgerEntry.groupBy({
    by: ["influencerId"],
    where: { ...(all ? {} : { influencerId: { in: [...influencerIds] } }), kind: { in: [...TIER_KINDS] }, ...(basis === "cycle" ? { cycleId } : {}) },
    _sum: { amount: true },
  });
  for (const r of rows) out.set(r.influencerId, Math.max(0, r._sum.amount ?? 0));
  return out;
}

/**
 * Each person's current tier key (null below the first threshold), derived from the ledger: the
 * tier list, the open cycle and ONE grouped query of tier points, however many people — what a
 * mission's audience is filtered with. No open cycle on a cycle basis means no cycle points yet.
 */
export async function currentTierKeys(
  db: Pick<Db, "ledgerEntry" | "programSetting" | "cycle">,
  influencerIds: readonly number[] | "all",
): Promise<(influencerId: number) => string | null> {
  const program = await readTierProgram(db);
  const cycle = program.basis === "cycle" ? await db.cycle.findFirst({ where: { status: "open" }, orderBy: { startsAt: "desc" }, select: { id: true } }) : null;
  const points = await tierPoints(db, influencerIds, program.basis, cycle?.id ?? -1);
  return (id) => tierStanding(points.get(id) ?? 0, program.tiers).current?.key ?? null;
}

export interface PersonTier extends TierStanding {
  points: number;
  /** the program's tier list, sorted by threshold */
  tiers: readonly Tier[];
  basis: TierProgram["basis"];
  cycleId: number;
}

/** `cycle`: the current cycle when the caller already read it (/points), to skip reading it again. */
export async function tierOf(deps: Pick<Deps, "db" | "clock">, influencerId: number, cycle?: { id: number }): Promise<PersonTier> {
  const [program, current] = await Promise.all([readTierProgram(deps.db), cycle ?? currentCycle(deps.db, deps.clock)]);
  const points = (await tierPoints(deps.db, [influencerId], program.basis, current.id)).get(influencerId) ?? 0;
  return { ...tierStanding(points, program.tiers), points, tiers: program.tiers, basis: program.basis, cycleId: current.id };
}

/** Badges earned so far, per person: one query over their approved participations. */
export async function badgesOf(db: Pick<Db, "participation">, influencerIds: readonly number[]): Promise<Map<number, Badge[]>> {
  const rows = influencerIds.length
    ? await db.participation.findMany({
        where: { influencerId: { in: [...influencerIds] }, status: "approved", decidedAt: { not: null } },
        select: { influencerId: true, decidedAt: true },
      })
    : [];
  const dates = new Map<number, Date[]>(influencerIds.map((id) => [id, []]));
  for (const r of rows) dates.get(r.influencerId)?.push(r.decidedAt!);
  return new Map([...dates].map(([id, d]) => [id, badgesEarned(d)]));
}

/** The dedupe key of a tier notice: once per tier, or once per tier and cycle on a cycle basis. */
export function tierNoticeKey(influencerId: number, tier: Tier, basis: TierProgram["basis"], cycleId: number): string {
  return basis === "cycle" ? `tier:${influencerId}:${tier.key}:c${cycleId}` : `tier:${influencerId}:${tier.key}`;
}

/**
 * After points or approvals changed for these people: tells each one the tier they are in now
 * (if it is above the starting tier) and every badge they hold, each once ever — the outbox's
 * unique dedupe key makes repeats (retries, a later call) write nothing. Three queries whatever
 * the number of people.
 */
export async function announceProgress(deps: Pick<Deps, "db" | "config" | "clock">, influencerIds: readonly number[]): Promise<number> {
  const ids = [...new Set(influencerIds)];
  if (!ids.length) return 0;
  const [program, cycle, people] = await Promise.all([
    readTierProgram(deps.db),
    currentCycle(deps.db, deps.clock),
    deps.db.influencer.findMany({ where: { id: { in: ids }, deletedAt: null }, select: { id: true, locale: true, platformLocale: true } }),
  ]);
  const [points, badges] = await Promise.all([tierPoints(deps.db, ids, program.basis, cycle.id), badgesOf(deps.db, ids)]);
  const notices: InfluencerNotice[] = [];
  for (const p of people) {
    // Tier names are the program's own words per language, so they are chosen here, in the
    // language the dispatcher will render the notice in.
    const locale = pickLocale(p.locale, p.platformLocale, deps.config.DEFAULT_LOCALE);
    const standing = tierStanding(points.get(p.id) ?? 0, program.tiers);
    const tier = announceableTier(standing);
    if (tier) {
      notices.push({
        influencerId: p.id, purpose: "tier.reached", dedupeKey: tierNoticeKey(p.id, tier, program.basis, cycle.id),
        messageId: standing.next ? "growth.tier.reached_next" : "growth.tier.reached_top",
        params: {
          tier: localized(tier.names, locale), perks: localized(tier.perks, locale), hasPerks: tier.perks ? "yes" : "no",
          next: standing.next ? localized(standing.next.names, locale) : "", missing: standing.toNext,
        },
      });
    }
    for (const badge of badges.get(p.id) ?? []) {
      notices.push({ influencerId: p.id, purpose: "badge.earned", dedupeKey: `badge:${p.id}:${badge}`, messageId: `growth.badge.earned.${badge}`, params: {} });
    }
  }
  return tellInfluencers(deps, notices);
}

export interface TierCard {
  /** the tier's name in the reader's language; null below the first tier */
  tier: string | null;
  /** points on the program's basis (lifetime or this cycle) */
  points: number;
  next: string | null;
  toNext: number;
}

/**
 * A person's tier for a manager's profile card (Slack `/advo influencer`, the dashboard), in the
 * reader's language: two reads (the tier list, one grouped ledger sum) plus the current cycle.
 */
export async function tierCard(deps: Pick<Deps, "db" | "clock">, influencerId: number, locale: Locale): Promise<TierCard> {
  const t = await tierOf(deps, influencerId);
  return { tier: t.current ? localized(t.current.names, locale) : null, points: t.points, next: t.next ? localized(t.next.names, locale) : null, toNext: t.toNext };
}
