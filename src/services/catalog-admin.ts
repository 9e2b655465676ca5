// The rewards catalog and the redemptions managers fulfil. Cancelling a pending redemption
// refunds its points exactly once (ledger key refund:redemption:<id>) and restores the stock, in
// one transaction guarded by a conditional status update. A product is marked shipped (with its
// tracking number) and then fulfilled; the influencer is told at each step (issue 21).
import { z } from "zod";
import { DbNull } from "@prisma/client/runtime/client";
import { LOCALES } from "../config.js";
import type { Db } from "../db/client.js";
import { err, ok, type Err, type Result } from "../result.js";
import { audit } from "./audit.js";
import type { Deps } from "./deps.js";
import { appendEntry, currentCycle } from "./ledger.js";
import { requireManager, type Actor } from "./managers.js";
import { readRewardTranslations, rewardNameParam, type RewardTranslations } from "../domain/content-translations.js";
import { parseRewardTranslations, type RewardTranslationError } from "../domain/reward-form-translations.js";
import { tellInfluencer } from "./outcome-notices.js";
import { readShippingAddress } from "../domain/shipping-address.js";

export const rewardSchema = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).default(""),
  cost: z.coerce.number().int().min(1).max(10_000_000),
  /** empty / null = unlimited */
  stock: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().min(0).nullable()),
  active: z.preprocess((v) => (v === "false" ? false : v === "true" ? true : v), z.boolean().default(true)),
  /** product: asks for a shipping address · voucher: a code from its pool · experience: instructions */
  kind: z.enum(["product", "voucher", "experience"]).default("experience"),
  /** per language: { "en": "Show this message at the door", "es": "…" } */
  instructions: z.partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(1000)).nullable().optional(),
  /** voucher: alert the managers when the unused codes fall to this many */
  lowStockAt: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().min(0).max(1_000_000).nullable()).optional(),
});
/** The reward's own fields (in DEFAULT_LOCALE) plus optional translation fields `name_es`, `description_es`, … */
export type RewardInput = z.input<typeof rewardSchema> & { [translationField: `${"name" | "description"}_${string}`]: unknown };
type Reward = Awaited<ReturnType<Db["reward"]["findUniqueOrThrow"]>>;
/** An incomplete translation: refused per field (CLI prints each; `field` names the first). */
export type RewardFormErr = Err & { fieldErrors: RewardTranslationError[] };

function invalid(e: z.ZodError) {
  return err("manage.reward.invalid", { field: String(e.issues[0]?.path[0] ?? "") });
}

type Parsed = { ok: true; data: z.output<typeof rewardSchema> & { translations: RewardTranslations } } | Err | RewardFormErr;

/** The reward's fields and its translations (each language complete, or refused on its field). */
function parseReward(deps: Deps, input: Record<string, unknown>): Parsed {
  const parsed = rewardSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const tr = parseRewardTranslations(input, deps.config.DEFAULT_LOCALE, parsed.data.description);
  if (tr.errors.length) return { ok: false, error: "manage.reward.invalid", params: { field: tr.errors[0]!.field }, fieldErrors: tr.errors };
  return { ok: true, data: { ...parsed.data, translations: tr.value } };
}

export async function createReward(deps: Deps, actor: Actor, input: RewardInput): Promise<Result<Reward> | RewardFormErr> {
  const refused = await requireManager(deps, actor, "reward.create");
  if (refused) return refused;
  const parsed = parseReward(deps, input);
  if (!parsed.ok) return parsed;
  const reward = await deps.db.reward.create({ data: rewardData(parsed.data) });
  await audit(deps.db, { actor, action: "reward.create", targetType: "reward", targetId: reward.id, after: parsed.data });
  return ok(reward);
}

/**
 * Changes some fields; translations given replace the stored ones of their language (the others
 * are kept), and every stored translation is checked again against the new description.
 */
export async function updateReward(deps: Deps, actor: Actor, id: number, input: Partial<RewardInput>): Promise<Result<Reward> | RewardFormErr> {
  const refused = await requireManager(deps, actor, "reward.update", { type: "reward", id });
  if (refused) return refused;
  const before = await deps.db.reward.findUnique({ where: { id } });
  if (!before) return err("manage.reward.not_found", { id });
  const stored = Object.fromEntries(Object.entries(readRewardTranslations(before.translations)).flatMap(([l, tr]) => [[`name_${l}`, tr!.name], [`description_${l}`, tr!.description]]));
  const parsed = parseReward(deps, {
    name: before.name, description: before.description, cost: before.cost, stock: before.stock, active: before.active,
    kind: before.kind, instructions: before.instructions, lowStockAt: before.lowStockAt, ...stored, ...input,
  });
  if (!parsed.ok) return parsed;
  const after = await deps.db.reward.update({ where: { id }, data: rewardData(parsed.data) });
  await audit(deps.db, { actor, action: "reward.update", targetType: "reward", targetId: id, before, after: parsed.data });
  return ok(after);
}

function rewardData<T extends z.output<typeof rewardSchema>>(v: T) {
  return { ...v, instructions: v.instructions ? { ...v.instructions } : DbNull };
}

export async function listRewards(deps: Deps, actor: Actor): Promise<Result<Reward[]>> {
  const refused = await requireManager(deps, actor, "reward.list");
  if (refused) return refused;
  return ok(await deps.db.reward.findMany({ orderBy: { id: "asc" }, take: 500 }));
}

export interface RedemptionItem {
  id: number;
  rewardName: string;
  influencerId: number;
  influencerName: string | null;
  cost: number;
  status: string;
  createdAt: Date;
  kind: string;
  /** product: where to ship it, as the person typed it */
  shippingAddress: string[] | null;
  trackingNumber: string | null;
}

/** Pending redemptions, oldest first; `status` another status, or "all" (newest first). */
export async function pendingRedemptions(deps: Deps, actor: Actor, status = "pending"): Promise<Result<RedemptionItem[]>> {
  const refused = await requireManager(deps, actor, "redemption.list");
  if (refused) return refused;
  const all = status === "all";
  const rows = await deps.db.redemption.findMany({
    where: all ? {} : status === "pending" ? { status: { in: ["pending", "shipped"] } } : { status },
    orderBy: all ? [{ createdAt: "desc" }, { id: "desc" }] : [{ createdAt: "asc" }, { id: "asc" }], take: 500,
    include: { reward: { select: { name: true, kind: true } }, influencer: { select: { displayName: true } } },
  });
  return ok(rows.map((r) => ({
    id: r.id, rewardName: r.reward.name, influencerId: r.influencerId, influencerName: r.influencer.displayName, cost: r.cost, status: r.status, createdAt: r.createdAt,
    kind: r.reward.kind, shippingAddress: readShippingAddress(r.shippingAddress)?.lines ?? null, trackingNumber: r.trackingNumber,
  })));
}

async function decided(deps: Deps, id: number) {
  const r = await deps.db.redemption.findUnique({ where: { id }, select: { status: true, decidedBy: true } });
  return r ? err("manage.redemption.already_decided", { id, status: r.status, by: r.decidedBy ?? "system" }) : err("manage.redemption.not_found", { id });
}

/** Each step of a redemption told to the person once (outbox key redemption:<id>:<step>), the reward's name in their language. */
async function notify(deps: Deps, influencerId: number, id: number, what: "fulfilled" | "cancelled" | "shipped", reward: { name: string; translations?: unknown }, note?: string) {
  const messageId = what === "shipped" ? "fulfil.shipped_notice" : note ? `manage.redemption.${what}_notice_note` : `manage.redemption.${what}_notice`;
  await tellInfluencer(deps, {
    influencerId, purpose: `redemption.${what}`, dedupeKey: `redemption:${id}:${what}`,
    messageId, params: { reward: rewardNameParam(reward), ...(note ? { [what === "shipped" ? "tracking" : "note"]: note } : {}) },
  });
}

export const trackingSchema = z.string().trim().min(3).max(100);

/** A product on its way: pending → shipped, with the carrier's tracking number. */
export async function shipRedemption(deps: Deps, actor: Actor, id: number, tracking: string): Promise<Result<{ id: number }>> {
  const refused = await requireManager(deps, actor, "redemption.fulfil", { type: "redemption", id });
  if (refused) return refused;
  const parsed = trackingSchema.safeParse(tracking);
  if (!parsed.success) return err("fulfil.tracking.invalid");
  const now = deps.clock.now();
  const won = await deps.db.redemption.updateMany({ where: { id, status: "pending" }, data: { status: "shipped", trackingNumber: parsed.data, shippedAt: now, decidedBy: actor, decidedAt: now } });
  if (!won.count) return decided(deps, id);
  const r = await deps.db.redemption.findUniqueOrThrow({ where: { id }, include: { reward: { select: { name: true, translations: true } } } });
  await notify(deps, r.influencerId, id, "shipped", r.reward, parsed.data);
  await audit(deps.db, { actor, action: "redemption.ship", targetType: "redemption", targetId: id, before: { status: "pending" }, after: { status: "shipped", tracking: parsed.data } });
  return ok({ id });
}

/** A voucher code or a delivery note given with the fulfilment; it is passed on to the influencer. */
export const fulfilNoteSchema = z.string().trim().max(500).optional().transform((v) => v || undefined);

export async function fulfilRedemption(deps: Deps, actor: Actor, id: number, options: { note?: string } = {}): Promise<Result<{ id: number }>> {
  const refused = await requireManager(deps, actor, "redemption.fulfil", { type: "redemption", id });
  if (refused) return refused;
  // A shipped product is fulfilled once it arrived; a pending one directly.
  const won = await deps.db.redemption.updateMany({ where: { id, status: { in: ["pending", "shipped"] } }, data: { status: "fulfilled", decidedBy: actor, decidedAt: deps.clock.now() } });
  if (!won.count) return decided(deps, id);
  const r = await deps.db.redemption.findUniqueOrThrow({ where: { id }, include: { reward: { select: { name: true, translations: true } } } });
  const note = fulfilNoteSchema.parse(options.note);
  await notify(deps, r.influencerId, id, "fulfilled", r.reward, note);
  await audit(deps.db, { actor, action: "redemption.fulfil", targetType: "redemption", targetId: id, before: { status: "pending" }, after: { status: "fulfilled", ...(note ? { note } : {}) } });
  return ok({ id });
}

export async function cancelRedemption(deps: Deps, actor: Actor, id: number): Promise<Result<{ id: number; refunded: number }>> {
  const refused = await requireManager(deps, actor, "redemption.cancel", { type: "redemption", id });
  if (refused) return refused;
  const now = deps.clock.now();
  const result = await deps.db.$transaction(async (tx) => {
    const db = tx as unknown as Db;
    const won = await db.redemption.updateMany({ where: { id, status: "pending" }, data: { status: "cancelled", decidedBy: actor, decidedAt: now } });
    if (!won.count) return null;
    const r = await db.redemption.findUniqueOrThrow({ where: { id }, include: { reward: true, cycle: { select: { status: true } } } });
    // Refund into the cycle it was spent in while that is open; otherwise into the current one.
    const cycleId = r.cycle.status === "open" ? r.cycleId : (await currentCycle(db, deps.clock)).id;
    const entry = await appendEntry(db, { influencerId: r.influencerId, cycleId, amount: r.cost, kind: "refund", idempotencyKey: `refund:redemption:${id}`, reference: `redemption:${id}`, createdBy: actor });
    // A voucher's code was shown already: it does not go back to the pool.
    if (r.reward.stock !== null && r.reward.kind !== "voucher") await db.reward.update({ where: { id: r.rewardId }, data: { stock: { increment: 1 } } });
    return { influencerId: r.influencerId, reward: r.reward, refunded: entry.created ? r.cost : 0 };
  });
  if (!result) return decided(deps, id);
  await notify(deps, result.influencerId, id, "cancelled", result.reward);
  await audit(deps.db, { actor, action: "redemption.cancel", targetType: "redemption", targetId: id, before: { status: "pending" }, after: { status: "cancelled", refunded: result.refunded } });
  return ok({ id, refunded: result.refunded });
}
