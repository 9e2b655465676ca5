// `/advo tier remove KEY` in chat, and the tier modal's Remove button: never a `--force` flag, as
// for a cycle close — the manager sees which tier goes, that its people fall back to the tier
// below, and which missions still list it (they stay open only to the other tiers they list, or
// to nobody), then confirms with a button (with Slack's own dialog). The confirmation is for
// those missions: if another mission lists the tier by the time it is pressed, it asks again.
import { z } from "zod";
import { localized } from "../../domain/tiers.js";
import { claimConfirmation, dropConfirmation, holdForConfirmation } from "../../services/confirmations.js";
import { requireManager } from "../../services/managers.js";
import { readTierProgram } from "../../services/tiers.js";
import { listingText, missionsListingTier, removeTier } from "../../services/tiers-admin.js";
import type { Context } from "../context.js";
import { actorMention } from "../mention.js";
import { message, paragraph } from "../message.js";
import type { Router } from "../router.js";
import { actionPayload, replyError } from "./reply.js";

export const TIER_REMOVE_ACTIONS = { ask: "tier.remove", confirm: "tier.rm_confirm", cancel: "tier.rm_cancel" } as const;
const KIND = "tier-remove";

export async function askTierRemove(ctx: Context, key: string | undefined, changed = false): Promise<void> {
  if (!key) return ctx.replyWith("manage.advo.usage", { usage: "/advo tier remove KEY" }, { ephemeral: true });
  const refused = await requireManager(ctx.deps, ctx.actor, "tiers.remove", { type: "tier", id: key });
  if (refused) return replyError(ctx, refused);
  const tier = (await readTierProgram(ctx.deps.db)).tiers.find((x) => x.key === key.trim().toLowerCase());
  if (!tier) return ctx.replyWith("growth.tier_modal.not_found", { key }, { ephemeral: true });
  const listed = await missionsListingTier(ctx.deps.db, tier.key);
  const held = await holdForConfirmation(ctx.deps, KIND, ctx.actor, { key: tier.key, missions: listed.map((m) => m.id) });
  const name = localized(tier.names, ctx.locale);
  const lines = [
    ...(changed ? [ctx.t("growth.tier.remove_changed")] : []),
    ctx.t("growth.tier.remove_ask", { name, key: tier.key, threshold: tier.threshold }),
    listed.length ? ctx.t("growth.tier.remove_listed", { count: listed.length, missions: listingText(listed) }) : ctx.t("growth.tier.remove_unlisted"),
  ];
  const yes = ctx.t("growth.tier.remove_button", { name });
  ctx.reply(message(lines.map((l) => paragraph(l)), {
    ephemeral: true,
    buttons: [[
      { action: TIER_REMOVE_ACTIONS.confirm, label: yes, payload: held, style: "danger",
        confirm: { title: ctx.t("growth.tier.remove_title", { name }), text: lines.slice(-2).join(" ").slice(0, 300), yes, no: ctx.t("manage.button.cancel") } },
      { action: TIER_REMOVE_ACTIONS.cancel, label: ctx.t("manage.button.cancel"), payload: held },
    ]],
  }));
}

const heldSchema = z.object({ key: z.string(), missions: z.array(z.number().int()) });

export function registerTierRemoveHandlers(router: Router): void {
  // the tier modal's Remove button (payload: the tier's key) asks the same way as the command
  router.action(TIER_REMOVE_ACTIONS.ask, (ctx) => askTierRemove(ctx, actionPayload(ctx)));
  router.action(TIER_REMOVE_ACTIONS.confirm, async (ctx) => {
    const refused = await requireManager(ctx.deps, ctx.actor, "tiers.remove");
    if (refused) return replyError(ctx, refused);
    const held = heldSchema.safeParse(await claimConfirmation(ctx.deps, KIND, actionPayload(ctx)));
    if (!held.success) return ctx.replyWith("console.confirm.expired", {}, { ephemeral: true });
    const r = await removeTier(ctx.deps, ctx.actor, held.data.key, { confirmed: held.data.missions });
    if (!r.ok && r.error === "growth.tier.in_use") return askTierRemove(ctx, held.data.key, true);
    if (!r.ok) return replyError(ctx, r);
    const { removed, listedBy } = r.value;
    const name = localized(removed.names, ctx.locale);
    ctx.reply(message([
      paragraph(ctx.t("growth.tier.removed", { name, by: actorMention(ctx.actor) })),
      ...(listedBy.length ? [paragraph(ctx.t("growth.tier.removed_listed", { count: listedBy.length, missions: listingText(listedBy) }))] : []),
    ], { ephemeral: true }));
  });
  router.action(TIER_REMOVE_ACTIONS.cancel, async (ctx) => {
    const refused = await requireManager(ctx.deps, ctx.actor, "tiers.remove");
    if (refused) return replyError(ctx, refused);
    await dropConfirmation(ctx.deps, KIND, actionPayload(ctx));
    ctx.replyWith("console.confirm.cancelled", {}, { ephemeral: true });
  });
}
