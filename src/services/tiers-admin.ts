// Managers' side of tiers: list, define or change one, remove one, choose the basis. Every change
// is validated with the same schema the readers use, checked for the manager role first, audited.
import { z } from "zod";
import { LOCALES } from "../config.js";
import { TIER_BASES, tierProgramSchema, tierSchema, type Tier, type TierProgram } from "../domain/tiers.js";
import { parseTierForm, type TierFieldError } from "../domain/tier-form.js";
import { readSegment } from "../domain/segment.js";
import { err, ok, type Err, type Result } from "../result.js";
import { audit } from "./audit.js";
import type { Deps } from "./deps.js";
import { requireManager, type Actor } from "./managers.js";
import { readTierProgram, writeTierProgram } from "./tiers.js";

export async function listTiers(deps: Pick<Deps, "db" | "config">, actor: Actor): Promise<Result<TierProgram>> {
  const refused = await requireManager(deps, actor, "tiers.list");
  if (refused) return refused;
  return ok(await readTierProgram(deps.db));
}

/** The fields a manager may give for a tier; names and perks per language (`name.es`, …). */
export interface TierInput {
  key: string;
  threshold?: string | number | undefined;
  names?: Partial<Record<string, string>>;
  perks?: Partial<Record<string, string>>;
  multiplier?: string | number | undefined;
}

const multiplierSchema = z.coerce.number().min(1).max(5).transform((m) => Math.round(m * 100));

/** Creates the tier or changes the fields given; an existing tier keeps what is not given. */
export async function setTier(deps: Pick<Deps, "db" | "config">, actor: Actor, input: TierInput): Promise<Result<TierProgram>> {
  const refused = await requireManager(deps, actor, "tiers.set", { type: "tier", id: input.key });
  if (refused) return refused;
  const before = await readTierProgram(deps.db);
  const key = input.key.trim().toLowerCase();
  const existing = before.tiers.find((t) => t.key === key);
  const multiplier = input.multiplier === undefined ? undefined : multiplierSchema.safeParse(input.multiplier);
  if (multiplier && !multiplier.success) return err("growth.tier.invalid", { field: "multiplier", reason: "1 to 5 (1.5 = +50%)" });
  const pick = (o: Partial<Record<string, string>> | undefined) =>
    Object.fromEntries(LOCALES.flatMap((l) => (o?.[l] ? [[l, o[l]!]] : [])));
  const names = { ...existing?.names, ...pick(input.names) };
  const perks = { ...existing?.perks, ...pick(input.perks) };
  const candidate = tierSchema.safeParse({
    key,
    names: Object.keys(names).length ? names : { en: key.charAt(0).toUpperCase() + key.slice(1) },
    threshold: input.threshold === undefined ? existing?.threshold : Number(input.threshold),
    ...(Object.keys(perks).length ? { perks } : {}),
    multiplierPercent: multiplier?.data ?? existing?.multiplierPercent ?? 100,
  });
  if (!candidate.success) {
    const issue = candidate.error.issues[0];
    return err("growth.tier.invalid", { field: String(issue?.path[0] ?? "tier"), reason: issue?.message ?? "" });
  }
  const program = tierProgramSchema.safeParse({ basis: before.basis, tiers: [...before.tiers.filter((t) => t.key !== key), candidate.data] });
  if (!program.success) return err("growth.tier.invalid", { field: "threshold", reason: program.error.issues[0]?.message ?? "" });
  await writeTierProgram(deps.db, program.data);
  await audit(deps.db, { actor, action: "tiers.set", targetType: "tier", targetId: key, before: existing ?? null, after: candidate.data });
  return ok(program.data);
}

/** A mission still ahead (draft, scheduled or published) whose segment lists a tier. */
export interface TierListing {
  id: number;
  title: string;
  status: string;
}

/** the open missions read when looking for a tier's listings (a program has far fewer) */
const MISSIONS_SCANNED = 5000;

/** Missions not closed whose segment lists the tier (key compared as stored: trimmed, lower-case). */
export async function missionsListingTier(db: Deps["db"], key: string): Promise<TierListing[]> {
  const wanted = key.trim().toLowerCase();
  const open = await db.mission.findMany({
    where: { status: { in: ["draft", "scheduled", "published"] } }, select: { id: true, title: true, status: true, segment: true }, orderBy: { id: "asc" }, take: MISSIONS_SCANNED,
  });
  return open.filter((m) => readSegment(m.segment).tiers.some((k) => k.trim().toLowerCase() === wanted)).map(({ id, title, status }) => ({ id, title, status }));
}

/** "#3 “Summer haul” (published), #5 “Autumn” (draft)" — ids first, so the manager can edit them. */
export function listingText(missions: readonly TierListing[]): string {
  return missions.map((m) => `#${m.id} “${m.title}” (${m.status})`).join(", ");
}

export interface TierRemoval {
  /**
   * Remove even when missions list the tier (the CLI's `--force`). Otherwise only the missions in
   * `confirmed` (what the manager was shown and confirmed in chat) may list it.
   */
  force?: boolean;
  confirmed?: readonly number[];
}

/**
 * Removes a tier. When missions still ahead list it, it is refused with their ids and titles
 * unless forced or confirmed for exactly those missions: after removal nobody is in that tier, so
 * such a mission stays open only to the other tiers it lists, or to nobody.
 */
export async function removeTier(
  deps: Pick<Deps, "db" | "config">, actor: Actor, key: string, options: TierRemoval = {},
): Promise<Result<{ program: TierProgram; removed: Tier; listedBy: TierListing[] }>> {
  const refused = await requireManager(deps, actor, "tiers.remove", { type: "tier", id: key });
  if (refused) return refused;
  const before = await readTierProgram(deps.db);
  const gone = before.tiers.find((t) => t.key === key.trim().toLowerCase());
  if (!gone) return err("growth.tier.not_found", { key });
  const listedBy = await missionsListingTier(deps.db, gone.key);
  const unconfirmed = listedBy.filter((m) => !options.confirmed?.includes(m.id));
  if (unconfirmed.length && !options.force) {
    return err("growth.tier.in_use", { key: gone.key, count: listedBy.length, missions: listingText(listedBy) });
  }
  const program: TierProgram = { ...before, tiers: before.tiers.filter((t) => t !== gone) };
  await writeTierProgram(deps.db, program);
  await audit(deps.db, { actor, action: "tiers.remove", targetType: "tier", targetId: gone.key, before: gone, after: { listedBy: listedBy.map((m) => m.id) } });
  return ok({ program, removed: gone, listedBy });
}

export async function setTierBasis(deps: Pick<Deps, "db" | "config">, actor: Actor, basis: string): Promise<Result<TierProgram>> {
  const refused = await requireManager(deps, actor, "tiers.basis");
  if (refused) return refused;
  const parsed = z.enum(TIER_BASES).safeParse(basis);
  if (!parsed.success) return err("growth.tier.invalid", { field: "basis", reason: TIER_BASES.join(" | ") });
  const before = await readTierProgram(deps.db);
  const program: TierProgram = { ...before, basis: parsed.data };
  await writeTierProgram(deps.db, program);
  await audit(deps.db, { actor, action: "tiers.basis", targetType: "setting", targetId: "tiers", before: { basis: before.basis }, after: { basis: parsed.data } });
  return ok(program);
}

export type TierFormErr = Err & { fieldErrors: TierFieldError[] };

/**
 * The tier modal's save (Slack): a new tier (`editing` undefined) or a change to one; every field
 * error at once, nothing written then. Admin only and audited, like `advo tier set`.
 */
export async function saveTierForm(
  deps: Pick<Deps, "db" | "config">, actor: Actor, values: Record<string, string | undefined>, editing?: string,
): Promise<Result<{ tier: Tier; program: TierProgram }> | TierFormErr> {
  const refused = await requireManager(deps, actor, "tiers.set", { type: "tier", id: editing ?? values.key ?? "" });
  if (refused) return refused;
  const before = await readTierProgram(deps.db);
  const existing = editing ? before.tiers.find((t) => t.key === editing) : undefined;
  if (editing && !existing) return err("growth.tier_modal.not_found", { key: editing });
  const parsed = parseTierForm(values, before, editing);
  const taken = !editing && before.tiers.some((t) => t.key === (values.key ?? "").trim().toLowerCase());
  if (!parsed.ok || taken) {
    const fieldErrors = parsed.ok ? [] : parsed.errors.filter((e) => !(taken && e.field === "key"));
    return { ok: false, error: "manage.form.invalid", fieldErrors: [...(taken ? [{ field: "key", messageId: "growth.tier_modal.err.key_taken" }] : []), ...fieldErrors] };
  }
  await writeTierProgram(deps.db, parsed.program);
  await audit(deps.db, { actor, action: "tiers.set", targetType: "tier", targetId: parsed.tier.key, before: existing ?? null, after: parsed.tier });
  return ok({ tier: parsed.tier, program: parsed.program });
}

/**
 * A whole tier program from a file (`advo tier import tiers.yaml`): `basis` and `tiers`, each tier
 * with `key`, `names` (per language), `threshold`, optional `perks` and `multiplier` (1.5 = +50%).
 * It replaces the program's list at once, validated with the readers' schema; admin only, audited.
 */
export async function importTierProgram(deps: Pick<Deps, "db" | "config">, actor: Actor, doc: Record<string, unknown>): Promise<Result<TierProgram>> {
  const refused = await requireManager(deps, actor, "tiers.set", { type: "setting", id: "tiers" });
  if (refused) return refused;
  const before = await readTierProgram(deps.db);
  const rawTiers = Array.isArray(doc.tiers) ? doc.tiers : undefined;
  if (!rawTiers) return err("growth.tier.invalid", { field: "tiers", reason: "a list of tiers" });
  // `multiplier: 1.5` as the CLI flag takes it; multiplierPercent is the stored form.
  const tiers = rawTiers.map((t) => {
    if (!t || typeof t !== "object") return t;
    const { multiplier, ...rest } = t as Record<string, unknown>;
    if (multiplier === undefined) return rest;
    const m = multiplierSchema.safeParse(multiplier);
    return { ...rest, multiplierPercent: m.success ? m.data : -1 };
  });
  const parsed = tierProgramSchema.safeParse({ basis: doc.basis ?? before.basis, tiers });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".").replace("multiplierPercent", "multiplier") ?? "tiers";
    return err("growth.tier.invalid", { field, reason: issue?.path.at(-1) === "multiplierPercent" ? "1 to 5 (1.5 = +50%)" : (issue?.message ?? "") });
  }
  await writeTierProgram(deps.db, parsed.data);
  await audit(deps.db, { actor, action: "tiers.set", targetType: "setting", targetId: "tiers", before, after: parsed.data });
  return ok(parsed.data);
}
