// A points adjustment from the influencer card (issue 15): the form (points and reason, every
// error at once), then — when the amount is over the program's threshold or the balance would go
// below zero — a confirmation stating the consequence, with a Confirm button that applies it once.
import { actorMention } from "../mention.js";
import { z } from "zod";
import { adjustPoints } from "../../services/points-admin.js";
import { claimConfirmation, confirmAbove, dropConfirmation, holdForConfirmation } from "../../services/confirmations.js";
import { currentCycle, cycleBalance } from "../../services/ledger.js";
import { requireManager } from "../../services/managers.js";
import type { Context } from "../context.js";
import { message, paragraph } from "../message.js";
import type { Router } from "../router.js";
import { STATE_FIELD } from "./forms.js";
import { parseArgs } from "../../cli/args.js";
import { adjustFormSpec, stateParts } from "./people.js";
import { actionPayload, formPayload, replyError } from "./reply.js";

export const ADJUST_ACTIONS = { confirm: "points.confirm", cancel: "points.cancel" } as const;
const KIND = "points";

const pointsSchema = z.string().trim().regex(/^[+-]?\d{1,7}$/).transform(Number).refine((n) => n !== 0);
const reasonSchema = z.string().trim().min(1).max(300);

async function apply(ctx: Context, input: { influencerId: number; points: number; reason: string; request: string }): Promise<void> {
  const r = await adjustPoints(ctx.deps, ctx.actor, { influencerId: input.influencerId, points: input.points, reason: input.reason, requestId: `console:${input.request}` });
  if (!r.ok) return replyError(ctx, r);
  ctx.replyWith("console.adjust.done", { id: input.influencerId, amount: input.points > 0 ? `+${input.points}` : String(input.points), balance: r.value.balance, by: actorMention(ctx.actor) });
}

export async function onAdjustForm(ctx: Context): Promise<void> {
  const values = formPayload(ctx);
  const { id, request } = stateParts(values[STATE_FIELD]);
  if (!id || !request) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
  const refused = await requireManager(ctx.deps, ctx.actor, "points.adjust", { type: "influencer", id });
  if (refused) return replyError(ctx, refused);
  const points = pointsSchema.safeParse(values.points ?? "");
  const reason = reasonSchema.safeParse(values.reason ?? "");
  if (!points.success || !reason.success) {
    const errors = { ...(points.success ? {} : { points: ctx.t("console.adjust.points_invalid") }), ...(reason.success ? {} : { reason: ctx.t("manage.points.reason_required") }) };
    return ctx.reply(message([], { form: adjustFormSpec(ctx, id, { ...values, request }, errors), ephemeral: true }));
  }
  await adjustOrAsk(ctx, { influencerId: id, points: points.data, reason: reason.data, request });
}

/**
 * `/advo points adjust ID POINTS --reason TEXT [--id REQUEST]` typed in chat: the same rule as the
 * card's form — over the threshold or below zero it asks first (the CLI, the operator's own
 * terminal, applies at once).
 */
export async function onTypedAdjust(ctx: Context, args: string[]): Promise<void> {
  const parsed = parseArgs(args);
  const id = Number(parsed.positionals[2]);
  const points = pointsSchema.safeParse(parsed.positionals[3] ?? "");
  const reason = reasonSchema.safeParse(typeof parsed.flags.reason === "string" ? parsed.flags.reason : "");
  if (!Number.isInteger(id) || id <= 0 || !points.success || !reason.success) {
    return ctx.replyWith("manage.advo.usage", { usage: "/advo points adjust INFLUENCER POINTS --reason TEXT [--id REQUEST_ID]" }, { ephemeral: true });
  }
  const refused = await requireManager(ctx.deps, ctx.actor, "points.adjust", { type: "influencer", id });
  if (refused) return replyError(ctx, refused);
  const request = typeof parsed.flags.id === "string" ? parsed.flags.id : ctx.event.id;
  await adjustOrAsk(ctx, { influencerId: id, points: points.data, reason: reason.data, request });
}

/** Applies at once when small and the balance stays at or above zero; otherwise asks with the consequence. */
async function adjustOrAsk(ctx: Context, input: { influencerId: number; points: number; reason: string; request: string }): Promise<void> {
  const id = input.influencerId;
  const cycle = await currentCycle(ctx.deps.db, ctx.deps.clock);
  const before = await cycleBalance(ctx.deps.db, id, cycle.id);
  const after = before + input.points;
  const threshold = await confirmAbove(ctx.deps.db);
  if (Math.abs(input.points) <= threshold && after >= 0) return apply(ctx, input);
  const held = await holdForConfirmation(ctx.deps, KIND, ctx.actor, input);
  const amount = input.points > 0 ? `+${input.points}` : String(input.points);
  const lines = [ctx.t("console.adjust.confirm_text", { id, amount, before, after, cycle: cycle.name })];
  if (after < 0) lines.push(ctx.t("console.adjust.negative", { after }));
  if (Math.abs(input.points) > threshold) lines.push(ctx.t("console.adjust.over_threshold", { threshold }));
  ctx.reply(message(lines.map((l) => paragraph(l)), {
    ephemeral: true,
    buttons: [[
      { action: ADJUST_ACTIONS.confirm, label: ctx.t("console.adjust.confirm_button", { amount }), payload: held, style: after < 0 ? "danger" : "primary",
        confirm: { title: ctx.t("console.adjust.confirm_title"), text: lines.join(" ").slice(0, 300), yes: ctx.t("console.adjust.confirm_button", { amount }), no: ctx.t("manage.button.cancel") } },
      { action: ADJUST_ACTIONS.cancel, label: ctx.t("manage.button.cancel"), payload: held },
    ]],
  }));
}

export function registerAdjustHandlers(router: Router): void {
  router.action(ADJUST_ACTIONS.confirm, async (ctx) => {
    const refused = await requireManager(ctx.deps, ctx.actor, "points.adjust");
    if (refused) return replyError(ctx, refused);
    const held = await claimConfirmation(ctx.deps, KIND, actionPayload(ctx));
    const input = z.object({ influencerId: z.number().int().positive(), points: z.number().int(), reason: z.string(), request: z.string() }).safeParse(held);
    if (!input.success) return ctx.replyWith("console.confirm.expired", {}, { ephemeral: true });
    await apply(ctx, input.data);
  });
  router.action(ADJUST_ACTIONS.cancel, async (ctx) => {
    const refused = await requireManager(ctx.deps, ctx.actor, "points.adjust");
    if (refused) return replyError(ctx, refused);
    await dropConfirmation(ctx.deps, KIND, actionPayload(ctx));
    ctx.replyWith("console.confirm.cancelled", {}, { ephemeral: true });
  });
}
