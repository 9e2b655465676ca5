// People in the managers' console (issue 15): `/advo influencer NAME|@HANDLE|#ID` → a profile card
// (name and handles linked to the dashboard profile, status, balance, tier, last submissions) with
// its actions — adjust points (a form), pause/resume (asked first), message (a form). An erased
// person's card says so and shows nothing else.
import { actorMention } from "../mention.js";
import { randomUUID } from "node:crypto";
import { networkName } from "../../i18n/networks.js";
import { findInfluencers, influencerCard, messageInfluencer, personLabel, profileUrl, setInfluencerPaused, type InfluencerCard, type PersonRef } from "../../services/influencer-card.js";
import { requireManager } from "../../services/managers.js";
import type { Context } from "../context.js";
import { bold, link, list, message, paragraph, type Button, type FormSpec, type Inline, type OutboundMessage } from "../message.js";
import type { Router } from "../router.js";
import { STATE_FIELD } from "./forms.js";
import { actionPayload, formPayload, payloadId, replyError } from "./reply.js";

export const PEOPLE_ACTIONS = {
  card: "influencer.card",
  adjust: "influencer.adjust",
  pause: "influencer.pause",
  resume: "influencer.resume",
  message: "influencer.message",
} as const;
export const FORM_ADJUST = "points.adjust";
export const FORM_MESSAGE = "influencer.message";

/** "Ana (@ana_ig)" linked to their profile; an erased person by number, never linked. */
export function personInline(ctx: Pick<Context, "deps" | "t">, p: Pick<PersonRef, "id" | "name" | "handle" | "erased">): Inline {
  if (p.erased) return ctx.t("console.person.erased", { id: p.id });
  return link(personLabel({ id: p.id, name: p.name, handle: p.handle?.handle ?? null }), profileUrl(ctx.deps.config, p.id));
}

function cardMessage(ctx: Context, c: InfluencerCard): OutboundMessage {
  if (c.erased) return message([paragraph(bold(`#${c.id}`), " ", ctx.t("console.influencer.erased"))], { ephemeral: true });
  const p = String(c.id);
  const paused = c.status === "paused";
  const status = ctx.t("console.influencer.status", { status: c.status, paused: c.messagesPaused ? "yes" : "no" });
  const submissions = c.submissions.map((s): Inline[] => [`#${s.id} · ${s.missionTitle} · ${s.status} · ${ctx.date(s.createdAt)} · `, link(s.url, s.url)]);
  const buttons: Button[] = [
    { action: PEOPLE_ACTIONS.adjust, label: ctx.t("console.button.adjust"), payload: p },
    paused
      ? { action: PEOPLE_ACTIONS.resume, label: ctx.t("console.button.resume"), payload: p }
      : { action: PEOPLE_ACTIONS.pause, label: ctx.t("console.button.pause"), payload: p, style: "danger", confirm: { title: ctx.t("console.confirm.pause_title"), text: ctx.t("console.confirm.pause_text", { name: c.name ?? `#${c.id}` }), yes: ctx.t("console.button.pause"), no: ctx.t("manage.button.cancel") } },
    { action: PEOPLE_ACTIONS.message, label: ctx.t("console.button.message"), payload: p },
    { action: "influencer.profile", label: ctx.t("console.button.profile"), url: profileUrl(ctx.deps.config, c.id) },
  ];
  return message([
    paragraph(personInline(ctx, { id: c.id, name: c.name, handle: c.handles[0] ?? null, erased: false }), ` #${c.id}`),
    paragraph(ctx.t("console.influencer.handles", { handles: c.handles.map((h) => `${networkName(h.network)} @${h.handle}`).join(", ") || "–" })),
    paragraph(status),
    paragraph(ctx.t("console.influencer.balance", { points: c.balance, cycle: c.cycleName, tier: c.tier ?? "–" })),
    paragraph(ctx.t("growth.card.referrals", { referrer: c.referral.referredBy ? (c.referral.referredBy.name ?? `#${c.referral.referredBy.id}`) : "", hasReferrer: c.referral.referredBy ? "yes" : "no", count: c.referral.referredCount })),
    paragraph(ctx.t("console.influencer.last", { count: c.submissions.length })),
    ...(submissions.length ? [list(submissions)] : []),
  ], { ephemeral: true, disablePreview: true, buttons: [buttons] });
}

async function replyCard(ctx: Context, id: number): Promise<void> {
  const card = await influencerCard(ctx.deps, ctx.actor, id, ctx.locale);
  if (!card.ok) return replyError(ctx, card);
  ctx.reply(cardMessage(ctx, card.value));
}

export async function showInfluencer(ctx: Context, query: string): Promise<void> {
  if (!query.trim()) return ctx.replyWith("console.influencer.usage", {}, { ephemeral: true });
  const found = await findInfluencers(ctx.deps, ctx.actor, query);
  if (!found.ok) return replyError(ctx, found);
  if (!found.value.length) return ctx.replyWith("console.influencer.none", { query }, { ephemeral: true });
  if (found.value.length === 1) return replyCard(ctx, found.value[0]!.id);
  ctx.reply(message([paragraph(ctx.t("console.influencer.several", { count: found.value.length })), list(found.value.map((p) => [personInline(ctx, p)]))], {
    ephemeral: true, disablePreview: true,
    buttons: found.value.slice(0, 5).map((p) => [{ action: PEOPLE_ACTIONS.card, label: p.erased ? `#${p.id}` : (p.name ?? `#${p.id}`).slice(0, 60), payload: String(p.id) }]),
  }));
}

export function adjustFormSpec(ctx: Context, id: number, values: Record<string, string> = {}, errors: Record<string, string> = {}): FormSpec {
  return {
    id: FORM_ADJUST, title: ctx.t("console.adjust.title"), submitLabel: ctx.t("console.adjust.submit"), state: `${id}:${values.request ?? randomUUID().slice(0, 12)}`,
    fields: [
      { id: "points", label: ctx.t("console.adjust.points"), kind: "text", required: true, placeholder: "50, -20", ...(values.points ? { initial: values.points } : {}), ...(errors.points ? { error: errors.points } : {}) },
      { id: "reason", label: ctx.t("console.adjust.reason"), kind: "multiline", required: true, ...(values.reason ? { initial: values.reason } : {}), ...(errors.reason ? { error: errors.reason } : {}) },
    ],
  };
}

function messageFormSpec(ctx: Context, id: number, error?: string): FormSpec {
  return {
    id: FORM_MESSAGE, title: ctx.t("console.message.title"), submitLabel: ctx.t("manage.button.send", { count: 1 }), state: `${id}:${randomUUID().slice(0, 12)}`,
    fields: [{ id: "text", label: ctx.t("console.message.label"), kind: "multiline", required: true, maxLength: 2000, ...(error ? { error } : {}) }],
  };
}

/** `12:ab34…` → influencer id and the request id that makes a resubmitted form land once. */
export function stateParts(state: string | undefined): { id: number | undefined; request: string | undefined } {
  const [id, request] = (state ?? "").split(":");
  return { id: payloadId(id), request: request || undefined };
}

/** A card button that opens a form about the person, for a manager whose role allows `action`. */
function openFormFor(action: string, spec: (ctx: Context, id: number) => FormSpec) {
  return async (ctx: Context): Promise<void> => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const refused = await requireManager(ctx.deps, ctx.actor, action, { type: "influencer", id });
    if (refused) return replyError(ctx, refused);
    ctx.reply(message([], { form: spec(ctx, id), ephemeral: true }));
  };
}

export function registerPeopleHandlers(router: Router, onAdjust: (ctx: Context) => Promise<void>): void {
  router.action(PEOPLE_ACTIONS.card, async (ctx) => {
    const id = payloadId(actionPayload(ctx));
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    await replyCard(ctx, id);
  });
  router.action(PEOPLE_ACTIONS.adjust, openFormFor("points.adjust", (ctx, id) => adjustFormSpec(ctx, id)));
  router.form(FORM_ADJUST, onAdjust);
  for (const [action, paused] of [[PEOPLE_ACTIONS.pause, true], [PEOPLE_ACTIONS.resume, false]] as const) {
    router.action(action, async (ctx) => {
      const id = payloadId(actionPayload(ctx));
      if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
      const r = await setInfluencerPaused(ctx.deps, ctx.actor, id, paused);
      if (!r.ok) return replyError(ctx, r);
      ctx.replyWith(paused ? "console.influencer.paused" : "console.influencer.resumed", { id, by: actorMention(ctx.actor) });
    });
  }
  router.action(PEOPLE_ACTIONS.message, openFormFor("influencer.message", (ctx, id) => messageFormSpec(ctx, id)));
  router.form(FORM_MESSAGE, async (ctx) => {
    const values = formPayload(ctx);
    const { id, request } = stateParts(values[STATE_FIELD]);
    if (!id) return ctx.replyWith("manage.advo.bad_id", {}, { ephemeral: true });
    const r = await messageInfluencer(ctx.deps, ctx.actor, id, values.text ?? "", request);
    if (!r.ok) {
      if (r.error === "console.message.required") return ctx.reply(message([], { form: messageFormSpec(ctx, id, ctx.t(r.error)), ephemeral: true }));
      return replyError(ctx, r);
    }
    ctx.replyWith("console.message.sent", { id }, { ephemeral: true });
  });
}
