// Broadcast and redemption handlers: the broadcast form → preview with the recipient count and
// Send/Cancel buttons; pending redemptions → Fulfil / Cancel-and-refund.
import { csv } from "../../cli/args.js";
import { cancelBroadcast, draftBroadcast, sendBroadcast } from "../../services/broadcast.js";
import { cancelRedemption, fulfilRedemption, pendingRedemptions } from "../../services/catalog-admin.js";
import { requireManager } from "../../services/managers.js";
import type { Context } from "../context.js";
import { message, paragraph } from "../message.js";
import type { Router } from "../router.js";
import { ACTIONS, redemptionCard } from "./cards.js";
import { FORM_BROADCAST, broadcastFormSpec, formValues } from "./forms.js";
import { actionPayload, formPayload, payloadId, replyError } from "./reply.js";

export async function openBroadcastForm(ctx: Context): Promise<void> {
  const refused = await requireManager(ctx.deps, ctx.actor, "broadcast.form");
  if (refused) return replyError(ctx, refused);
  ctx.reply(message([], { form: broadcastFormSpec(ctx.locale), ephemeral: true }));
}

export async function showPendingRedemptions(ctx: Context): Promise<void> {
  const r = await pendingRedemptions(ctx.deps, ctx.actor);
  if (!r.ok) return replyError(ctx, r);
  if (!r.value.length) return ctx.replyWith("manage.redemption.empty", {}, { ephemeral: true });
  for (const item of r.value.slice(0, 20)) ctx.reply(redemptionCard(ctx, item));
}

const SHORT_ID = /^[0-9a-f]{12}$/;

export function registerBroadcastHandlers(router: Router): void {
  router.form(FORM_BROADCAST, async (ctx) => {
    const values = formValues(formPayload(ctx));
    const segment = { regions: csv(values.regions), interests: csv(values.interests), networks: csv(values.networks), tags: csv(values.tags), languages: csv(values.languages) };
    const r = await draftBroadcast(ctx.deps, ctx.actor, { text: values.text ?? "", segment });
    if (!r.ok) {
      if (r.error === "manage.broadcast.language_unknown") return ctx.reply(message([], { form: broadcastFormSpec(ctx.locale, values, { field: "languages", text: ctx.t(r.error, r.params) }), ephemeral: true }));
      if (r.error === "manage.broadcast.invalid") return ctx.reply(message([], { form: broadcastFormSpec(ctx.locale, values, String(r.params?.field ?? "text")), ephemeral: true }));
      return replyError(ctx, r);
    }
    ctx.replyWith("manage.broadcast.preview", { count: r.value.recipients }, { ephemeral: true });
    ctx.reply({
      ...r.value.preview,
      ephemeral: true,
      buttons: [[
        { action: ACTIONS.broadcastSend, label: ctx.t("manage.button.send", { count: r.value.recipients }), payload: r.value.id, style: "primary",
          // a mass action: Slack asks once more, with the number of people
          confirm: { title: ctx.t("console.broadcast.confirm_title"), text: ctx.t("console.broadcast.confirm_text", { count: r.value.recipients }), yes: ctx.t("manage.button.send", { count: r.value.recipients }), no: ctx.t("manage.button.cancel") } },
        { action: ACTIONS.broadcastCancel, label: ctx.t("manage.button.cancel"), payload: r.value.id },
      ]],
    });
  });
  router.action(ACTIONS.broadcastSend, async (ctx) => {
    const id = actionPayload(ctx) ?? "";
    if (!SHORT_ID.test(id)) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await sendBroadcast(ctx.deps, ctx.actor, id);
    if (!r.ok) return replyError(ctx, r);
    ctx.replyWith("manage.broadcast.sent", { count: r.value.queued });
  });
  router.action(ACTIONS.broadcastCancel, async (ctx) => {
    const id = actionPayload(ctx) ?? "";
    if (!SHORT_ID.test(id)) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await cancelBroadcast(ctx.deps, ctx.actor, id);
    if (!r.ok) return replyError(ctx, r);
    ctx.replyWith("manage.broadcast.cancelled", {}, { ephemeral: true });
  });
  router.action(ACTIONS.redemptionFulfil, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await fulfilRedemption(ctx.deps, ctx.actor, id);
    if (!r.ok) return replyError(ctx, r);
    ctx.replyWith("manage.redemption.fulfilled", { id });
  });
  router.action(ACTIONS.redemptionCancel, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await cancelRedemption(ctx.deps, ctx.actor, id);
    if (!r.ok) return replyError(ctx, r);
    ctx.reply(message([paragraph(ctx.t("manage.redemption.cancelled", { id, points: r.value.refunded }))]));
  });
}
