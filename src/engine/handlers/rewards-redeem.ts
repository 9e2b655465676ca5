// Redeeming by the reward's kind (issue 21), after the person confirmed: a product first asks for
// the shipping address (the "shipping" flow: the step and the reward id live in the conversation
// row; the address itself is stored only on the redemption), a voucher's code is given at once, an
// experience tells its instructions. Also the person's redemption history under /rewards.
import { z } from "zod";
import { readShippingAddress, shippingAddressSchema } from "../../domain/shipping-address.js";
import { localized } from "../../domain/tiers.js";
import type { Locale } from "../../config.js";
import { getReward, redeemReward, type Redeemed } from "../../services/rewards.js";
import type { Context, Influencer } from "../context.js";
import { bold, day, list, paragraph } from "../message.js";
import type { Router } from "../router.js";
import { text } from "./shared.js";
import { rewardNameParam, rewardTextFor } from "../../domain/content-translations.js";

export const SHIPPING_FLOW = "shipping";
const shippingData = z.object({ rewardId: z.number().int().positive() });

/** Instructions are stored per language ({ "en": "…", "es": "…" }); anything else reads as none. */
export function instructionsText(value: unknown, locale: Locale): string {
  const parsed = z.record(z.string(), z.string()).safeParse(value);
  return parsed.success ? localized(parsed.data as Partial<Record<Locale, string>>, locale) : "";
}

/** The confirmed Redeem button: a product asks for the address first, the others redeem now. */
export async function redeemConfirmed(ctx: Context, inf: Influencer, rewardId: number): Promise<void> {
  const reward = await getReward(ctx.deps, rewardId);
  if (!reward || !reward.active) return ctx.replyWith("journey.rewards.not_found");
  if (reward.kind === "product") {
    await ctx.flow.start(SHIPPING_FLOW, "address", { rewardId });
    return ctx.replyWith("fulfil.address.ask", { name: rewardNameParam(reward) });
  }
  const r = await redeemReward(ctx.deps, inf.id, rewardId);
  if (!r.ok) return ctx.replyWith(r.error, r.params);
  replyRedeemed(ctx, r.value);
}

function replyRedeemed(ctx: Context, done: Redeemed): void {
  const { reward, balance, voucherCode, redemption } = done;
  if (voucherCode) return ctx.replyWith("fulfil.voucher.redeemed", { name: rewardNameParam(reward), code: voucherCode, balance });
  ctx.replyWith("journey.rewards.redeemed", { name: rewardNameParam(reward), balance });
  const address = readShippingAddress(redemption.shippingAddress);
  if (address) ctx.replyWith("fulfil.address.saved", { address: address.lines.join(", ") });
  const instructions = instructionsText(reward.instructions, ctx.locale);
  if (instructions) ctx.replyWith("fulfil.experience.instructions", { instructions });
}

/** The address message of the shipping flow: validated, then the redemption is made with it. */
async function shippingStep(ctx: Context): Promise<void> {
  const inf = ctx.influencer;
  const state = shippingData.safeParse(ctx.flow.current?.data);
  if (!inf || !state.success) {
    await ctx.flow.end();
    return ctx.replyWith("core.stale_action");
  }
  const typed = text(ctx);
  const address = typed === undefined ? undefined : shippingAddressSchema.safeParse(typed);
  if (!address?.success) return ctx.replyWith("fulfil.address.invalid");
  await ctx.flow.end();
  const r = await redeemReward(ctx.deps, inf.id, state.data.rewardId, { shippingAddress: address.data });
  if (!r.ok) return ctx.replyWith(r.error, r.params);
  replyRedeemed(ctx, r.value);
}

/** The latest redemptions with their state (and tracking number), for /rewards. */
export async function redemptionHistory(ctx: Context, influencerId: number): Promise<void> {
  const rows = await ctx.deps.db.redemption.findMany({
    where: { influencerId }, orderBy: { id: "desc" }, take: 10,
    select: { status: true, createdAt: true, trackingNumber: true, reward: { select: { name: true, description: true, translations: true } }, voucherCode: { select: { code: true } } },
  });
  if (!rows.length) return;
  const reader = { locale: ctx.locale, timeZone: ctx.timeZone };
  ctx.reply({
    blocks: [
      paragraph(bold(ctx.t("fulfil.history.title"))),
      list(rows.map((r) => [
        bold(rewardTextFor(r.reward, ctx.locale).name),
        // the day alone, shown natively: a history line needs no hour nor "3 days ago"
        " — ", day(r.createdAt, reader), ` · ${ctx.t("fulfil.history.status", { status: r.status })}`,
        ...(r.trackingNumber ? [` · ${ctx.t("fulfil.history.tracking", { tracking: r.trackingNumber })}`] : []),
        ...(r.voucherCode ? [` · ${ctx.t("fulfil.history.code", { code: r.voucherCode.code })}`] : []),
      ])),
    ],
  });
}

export function registerRedeemFlow(router: Router): void {
  router.flow(SHIPPING_FLOW, shippingStep);
}
