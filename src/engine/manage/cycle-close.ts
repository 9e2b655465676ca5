// `/advo cycle close` in chat (issue 15): never a `--force` flag — the manager sees which cycle
// closes and what it does (people, points, roll-over, expiry, from one grouped query), and a
// Confirm button (with Slack's own confirm dialog) closes it, early or not, once.
import { z } from "zod";
import { closeCycle } from "../../services/cycles.js";
import { previewCycleClose } from "../../services/cycle-preview.js";
import { claimConfirmation, dropConfirmation, holdForConfirmation } from "../../services/confirmations.js";
import { requireManager } from "../../services/managers.js";
import type { Context } from "../context.js";
import { actorMention } from "../mention.js";
import { message, paragraph } from "../message.js";
import type { Router } from "../router.js";
import { actionPayload, replyError } from "./reply.js";

export const CYCLE_ACTIONS = { confirm: "cycle.confirm", cancel: "cycle.cancel" } as const;
const KIND = "cycle";

export async function askCycleClose(ctx: Context): Promise<void> {
  const p = await previewCycleClose(ctx.deps, ctx.actor);
  if (!p.ok) return replyError(ctx, p);
  const v = p.value;
  const held = await holdForConfirmation(ctx.deps, KIND, ctx.actor, { cycleId: v.cycleId });
  const text = ctx.t("console.cycle.confirm_text", { cycle: v.name, people: v.people, points: v.points, rolled: v.rollOverPoints, rolledPeople: v.rollOverPeople, expiring: v.expiring });
  const lines = [text, ...(v.early ? [ctx.t("console.cycle.early", { endsAt: v.endsAt })] : [])];
  ctx.reply(message(lines.map((l) => paragraph(l)), {
    ephemeral: true,
    buttons: [[
      { action: CYCLE_ACTIONS.confirm, label: ctx.t("console.cycle.confirm_button", { cycle: v.name }), payload: held, style: "danger",
        confirm: { title: ctx.t("console.cycle.confirm_title", { cycle: v.name }), text: lines.join(" ").slice(0, 300), yes: ctx.t("console.cycle.confirm_button", { cycle: v.name }), no: ctx.t("manage.button.cancel") } },
      { action: CYCLE_ACTIONS.cancel, label: ctx.t("manage.button.cancel"), payload: held },
    ]],
  }));
}

export function registerCycleHandlers(router: Router): void {
  router.action(CYCLE_ACTIONS.confirm, async (ctx) => {
    const refused = await requireManager(ctx.deps, ctx.actor, "cycle.close");
    if (refused) return replyError(ctx, refused);
    const held = z.object({ cycleId: z.number().int() }).safeParse(await claimConfirmation(ctx.deps, KIND, actionPayload(ctx)));
    if (!held.success) return ctx.replyWith("console.confirm.expired", {}, { ephemeral: true });
    // the confirmation was for that cycle: if another close happened meanwhile, nothing closes now
    const open = await ctx.deps.db.cycle.findFirst({ where: { status: "open" }, orderBy: { startsAt: "asc" }, select: { id: true, name: true } });
    if (!open || open.id !== held.data.cycleId) return ctx.replyWith("console.cycle.changed", {}, { ephemeral: true });
    const r = await closeCycle(ctx.deps, ctx.actor, { force: true });
    if (!r.ok) return replyError(ctx, r);
    const s = r.value;
    ctx.replyWith("console.cycle.closed", { cycle: s.cycleName, next: s.nextCycleName, people: s.participants, bonuses: s.bonusesPaid, rolled: s.rolledOver, expired: s.expired, by: actorMention(ctx.actor) });
  });
  router.action(CYCLE_ACTIONS.cancel, async (ctx) => {
    const refused = await requireManager(ctx.deps, ctx.actor, "cycle.close");
    if (refused) return replyError(ctx, refused);
    await dropConfirmation(ctx.deps, KIND, actionPayload(ctx));
    ctx.replyWith("console.confirm.cancelled", {}, { ephemeral: true });
  });
}
