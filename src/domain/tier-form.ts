// The tier form (pure, issue 21): a tier's key, its name and perks in each language, the points it
// needs and its mission points multiplier, as a modal sends them (strings). Every problem is found
// at once and named by its field (a message id per field), so the form comes back with each error
// under its own input. The result is checked against the program's other tiers (a threshold
// taken, too many tiers) with the same schema the readers use.
import { LOCALES, type Locale } from "../config.js";
import { tierProgramSchema, tierSchema, type Tier, type TierProgram } from "./tiers.js";

export const TIER_FORM_FIELDS = ["key", ...LOCALES.map((l) => `name_${l}`), "threshold", "multiplier", ...LOCALES.map((l) => `perks_${l}`)] as const;

export interface TierFieldError {
  field: string;
  messageId: string;
}

const KEY = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** Form values for an existing tier (the edit form's initial values). */
export function tierFormValues(tier: Tier): Record<string, string> {
  const values: Record<string, string> = { key: tier.key, threshold: String(tier.threshold), multiplier: String(tier.multiplierPercent / 100) };
  for (const l of LOCALES) {
    if (tier.names[l]) values[`name_${l}`] = tier.names[l]!;
    if (tier.perks?.[l]) values[`perks_${l}`] = tier.perks[l]!;
  }
  return values;
}

/**
 * Validates a submitted tier form. `editing`: the key of the tier being edited (its key cannot
 * change; another tier's threshold cannot be reused). Returns the new program or every error.
 */
export function parseTierForm(
  raw: Record<string, string | undefined>, program: TierProgram, editing?: string,
): { ok: true; tier: Tier; program: TierProgram } | { ok: false; errors: TierFieldError[] } {
  const errors: TierFieldError[] = [];
  const fail = (field: string, messageId: string) => errors.push({ field, messageId });
  const value = (id: string) => (raw[id] ?? "").trim();

  const key = (editing ?? value("key")).toLowerCase();
  if (!KEY.test(key)) fail("key", "growth.tier_modal.err.key");

  const names: Partial<Record<Locale, string>> = {};
  const perks: Partial<Record<Locale, string>> = {};
  for (const l of LOCALES) {
    const name = value(`name_${l}`);
    if (name.length > 40) fail(`name_${l}`, "growth.tier_modal.err.name");
    else if (name) names[l] = name;
    const perk = value(`perks_${l}`);
    if (perk.length > 300) fail(`perks_${l}`, "growth.tier_modal.err.perks");
    else if (perk) perks[l] = perk;
  }
  if (!names.en && !errors.some((e) => e.field === "name_en")) fail("name_en", "growth.tier_modal.err.name");

  const thresholdText = value("threshold");
  const threshold = /^\d{1,9}$/.test(thresholdText) ? Number(thresholdText) : NaN;
  if (!Number.isInteger(threshold) || threshold > 100_000_000) fail("threshold", "growth.tier_modal.err.threshold");
  else if (program.tiers.some((t) => t.threshold === threshold && t.key !== key)) fail("threshold", "growth.tier_modal.err.threshold_taken");

  const multiplierText = value("multiplier").replace(",", ".");
  const multiplier = multiplierText === "" ? 1 : /^\d+(\.\d{1,2})?$/.test(multiplierText) ? Number(multiplierText) : NaN;
  if (!(multiplier >= 1 && multiplier <= 5)) fail("multiplier", "growth.tier_modal.err.multiplier");

  const others = program.tiers.filter((t) => t.key !== key);
  if (others.length >= 20) fail("key", "growth.tier_modal.err.too_many");
  if (errors.length) return { ok: false, errors };

  // The field checks above mirror the schema; parsing again keeps the one schema the authority.
  const tier = tierSchema.safeParse({ key, names, threshold, ...(Object.keys(perks).length ? { perks } : {}), multiplierPercent: Math.round(multiplier * 100) });
  const next = tier.success ? tierProgramSchema.safeParse({ basis: program.basis, tiers: [...others, tier.data] }) : undefined;
  if (!tier.success || !next?.success) return { ok: false, errors: [{ field: "key", messageId: "growth.tier_modal.err.key" }] };
  return { ok: true, tier: tier.data, program: next.data };
}
