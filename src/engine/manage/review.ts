// Review queue handlers: the queue as cards, Approve (points once), Reject (asks the reason in a
// form, then tells the influencer). A lost race answers "already decided by X".
import { actorMention } from "../mention.js";
import { reviewQueue, approveSubmission, rejectSubmission } from "../../services/review.js";
import type { Context } from "../context.js";
import type { Router } from "../router.js";
import { ACTIONS, reviewCard } from "./cards.js";
import { FORM_REJECT, STATE_FIELD, rejectFormSpec } from "./forms.js";
import { actionPayload, formPayload, payloadId, replyError } from "./reply.js";
import { message } from "../message.js";
import { requireManager } from "../../services/managers.js";

export async function showReviewQueue(ctx: Context): Promise<void> {
  const q = await reviewQueue(ctx.deps, ctx.actor, { limit: 10 });
  if (!q.ok) return replyError(ctx, q);
  if (!q.value.length) return ctx.replyWith("manage.review.empty", {}, { ephemeral: true });
  for (const item of q.value) ctx.reply(reviewCard(ctx, item));
}

export function registerReviewHandlers(router: Router): void {
  router.action(ACTIONS.reviewApprove, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await approveSubmission(ctx.deps, ctx.actor, id);
    if (!r.ok) return replyError(ctx, r);
    ctx.replyWith("manage.review.approved", { id, points: r.value.awarded, by: actorMention(ctx.actor) });
  });
  router.action(ACTIONS.reviewReject, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const refused = await requireManager(ctx.deps, ctx.actor, "submission.reject", { type: "submission", id });
    if (refused) return replyError(ctx, refused);
    ctx.reply(message([], { form: rejectFormSpec(ctx.locale, id), ephemeral: true }));
  });
  router.form(FORM_REJECT, async (ctx) => {
    const values = formPayload(ctx);
    const id = payloadId(values[STATE_FIELD]);
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await rejectSubmission(ctx.deps, ctx.actor, id, values.reason ?? "");
    if (!r.ok) {
      if (r.error === "manage.review.reason_required") return ctx.reply(message([], { form: rejectFormSpec(ctx.locale, id, r.error), ephemeral: true }));
      return replyError(ctx, r);
    }
    ctx.replyWith("manage.review.rejected", { id, by: actorMention(ctx.actor) });
  });
}
