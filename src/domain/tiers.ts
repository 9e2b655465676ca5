// Tiers (levels) of a program: pure rules. A person's tier is derived from their points (lifetime
// earned, or earned in the current cycle — a program setting), never stored: the ledger stays the
// one source of truth. The program's list lives in ProgramSetting "tiers" (validated here).
import { z } from "zod";
import { LOCALES, type Locale } from "../config.js";

export const TIER_BASES = ["lifetime", "cycle"] as const;
export type TierBasis = (typeof TIER_BASES)[number];

/** Text given per language; `en` (or the first one given) is the fallback for the others. */
const localizedText = (max: number) =>
  z.partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(max)).refine((o) => Object.keys(o).length > 0, "at least one language");

export const tierKeySchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "letters, digits, - and _ (at most 32)");

export const tierSchema = z.object({
  key: tierKeySchema,
  names: localizedText(40),
  /** the points needed (on the program's basis) to be in this tier */
  threshold: z.number().int().min(0).max(100_000_000),
  perks: localizedText(300).optional(),
  /** mission points are multiplied by this percentage while in the tier (100 = unchanged) */
  multiplierPercent: z.number().int().min(100).max(500).default(100),
});
export type Tier = z.infer<typeof tierSchema>;

export const tierProgramSchema = z
  .object({ basis: z.enum(TIER_BASES).default("lifetime"), tiers: z.array(tierSchema).max(20) })
  .superRefine((p, ctx) => {
    const keys = new Set<string>();
    const thresholds = new Set<number>();
    p.tiers.forEach((t, i) => {
      if (keys.has(t.key)) ctx.addIssue({ code: "custom", path: ["tiers", i, "key"], message: `tier "${t.key}" is defined twice` });
      if (thresholds.has(t.threshold)) ctx.addIssue({ code: "custom", path: ["tiers", i, "threshold"], message: `two tiers need ${t.threshold} points` });
      keys.add(t.key);
      thresholds.add(t.threshold);
    });
  })
  .transform((p) => ({ ...p, tiers: [...p.tiers].sort((a, b) => a.threshold - b.threshold) }));
export type TierProgram = z.output<typeof tierProgramSchema>;

/** What a program gets before a manager defines its own tiers. */
export const DEFAULT_TIER_PROGRAM: TierProgram = {
  basis: "lifetime",
  tiers: [
    { key: "bronze", names: { en: "Bronze", es: "Bronce", fr: "Bronze", it: "Bronzo" }, threshold: 0, multiplierPercent: 100 },
    { key: "silver", names: { en: "Silver", es: "Plata", fr: "Argent", it: "Argento" }, threshold: 500, multiplierPercent: 100 },
    { key: "gold", names: { en: "Gold", es: "Oro", fr: "Or", it: "Oro" }, threshold: 1500, multiplierPercent: 100 },
  ],
};

export interface TierStanding {
  /** the highest tier whose threshold the points reach; null below the lowest threshold */
  current: Tier | null;
  next: Tier | null;
  /** points still needed for the next tier (0 when there is none) */
  toNext: number;
}

/** Tiers sorted by threshold (as the schema leaves them). */
export function tierStanding(points: number, tiers: readonly Tier[]): TierStanding {
  let current: Tier | null = null;
  let next: Tier | null = null;
  for (const t of tiers) {
    if (t.threshold <= points) current = t;
    else {
      next = t;
      break;
    }
  }
  return { current, next, toNext: next ? next.threshold - points : 0 };
}

export function localized(text: Partial<Record<Locale, string>> | undefined, locale: Locale): string {
  if (!text) return "";
  return text[locale] ?? text.en ?? Object.values(text)[0] ?? "";
}

/** Mission points after the tier's multiplier (rounded half up, never below the base points). */
export function multipliedPoints(points: number, tier: Tier | null): number {
  const pct = tier?.multiplierPercent ?? 100;
  return Math.max(points, Math.floor((points * pct + 50) / 100));
}

/** A tier worth announcing: everyone starts in a tier at threshold 0, so that one is never "reached". */
export function announceableTier(standing: TierStanding): Tier | null {
  return standing.current && standing.current.threshold > 0 ? standing.current : null;
}

/**
 * Why a mission restricted to `allowed` tiers (keys) is closed to someone with `points`: "locked"
 * with the lowest allowed tier still ahead of them ("reach Gold to unlock this one"), or
 * "not_for_tier" when every allowed tier is below them (a mission for newcomers). null = open.
 */
export type TierGate = { kind: "locked"; next: Tier; missing: number; allowed: Tier[] } | { kind: "not_for_tier"; allowed: Tier[] };

export function tierGate(allowed: readonly string[], points: number, tiers: readonly Tier[]): TierGate | null {
  if (!allowed.length) return null;
  const keys = new Set(allowed.map((k) => k.trim().toLowerCase()));
  const listed = tiers.filter((t) => keys.has(t.key));
  const current = tierStanding(points, tiers).current;
  if (current && keys.has(current.key)) return null;
  const next = listed.find((t) => t.threshold > points);
  return next ? { kind: "locked", next, missing: next.threshold - points, allowed: listed } : { kind: "not_for_tier", allowed: listed };
}

/** "Silver and Gold" in the reader's language (a tier no longer defined shows its key). */
export function tierNameList(keys: readonly string[], tiers: readonly Tier[], locale: Locale): string {
  const names = keys.map((k) => {
    const tier = tiers.find((t) => t.key === k.trim().toLowerCase());
    return tier ? localized(tier.names, locale) : k;
  });
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(names);
}

/** The listed keys that are still tiers of the program (a removed tier has nobody in it). */
export function definedTierKeys(keys: readonly string[], tiers: readonly Tier[]): string[] {
  return keys.filter((k) => tiers.some((t) => t.key === k.trim().toLowerCase()));
}
