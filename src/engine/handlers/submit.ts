// Sending a post link: /submit [link], the Submit button of a mission, and a link pasted on its
// own (one rule for every platform). With one mission waiting for a link it is submitted; with
// several the person picks one and the link is kept in the conversation row (flow "submit", step
// "pick"), so the choice carries it through restarts; with none they hear how to get a mission.
import { missionTitleFor } from "../../domain/content-translations.js";
import { linkWaiting, missionsAwaitingLink } from "../../services/missions.js";
import { linkWelcome, submitLink } from "../../services/submissions.js";
import type { Context } from "../context.js";
import type { Mission } from "../../db/generated/sqlite/client.js";
import type { Router } from "../router.js";
import { commandArgs, member, payloadId, text } from "./shared.js";
import { registerProofHandlers } from "./proof.js";
import { LINK_FORM_ID, linkFormFor, linkFormValues, tryAgainButton } from "./submit-form.js";

export const FLOW_SUBMIT = "submit";
export const ACTION_SUBMIT_START = "submit.start";
const FLOW_TTL_MS = 24 * 3600_000;

/** The one link in a message ("here it is: https://…"), or null when there is none or several. */
export function linkIn(message: string): string | null {
  const found = message.match(/https?:\/\/[^\s<>]+/giu) ?? [];
  return found.length === 1 && found[0] ? found[0].replace(/[).,;!?»"']+$/u, "") : null;
}

/** Asks for the link (as text, and as a form where the platform opens one); `kept`: a refused try. */
async function askLink(ctx: Context, mission: Pick<Mission, "id" | "title" | "translations">, kept?: { url?: string; error?: string }): Promise<void> {
  const missionId = mission.id;
  await ctx.flow.start(FLOW_SUBMIT, "link", { missionId, ...(kept?.url ? { lastUrl: kept.url } : {}), ...(kept?.error ? { lastError: kept.error } : {}) }, FLOW_TTL_MS);
  const form = linkFormFor(ctx, missionId, kept);
  ctx.replyWith("journey.submit.ask_link", { title: missionTitleFor(mission, ctx.locale) }, form ? { form } : {});
}

/** The link refused last time for this mission (the Try again button pre-fills it). */
function keptTry(ctx: Context, missionId: number): { url?: string; error?: string } | undefined {
  const s = ctx.flow.current;
  if (s?.flow !== FLOW_SUBMIT || s.step !== "link" || Number(s.data.missionId) !== missionId) return undefined;
  return {
    ...(typeof s.data.lastUrl === "string" ? { url: s.data.lastUrl } : {}),
    ...(typeof s.data.lastError === "string" ? { error: s.data.lastError } : {}),
  };
}

async function pickMission(ctx: Context, waiting: Mission[], url?: string): Promise<void> {
  // The link waits in the conversation row (not in memory) until a mission is picked.
  if (url) await ctx.flow.start(FLOW_SUBMIT, "pick", { url }, FLOW_TTL_MS);
  ctx.replyWith(url ? "journey.submit.pick_mission_for_link" : "journey.submit.pick_mission", {}, {
    buttons: waiting.slice(0, 10).map((m) => [{ action: ACTION_SUBMIT_START, payload: String(m.id), label: missionTitleFor(m, ctx.locale).slice(0, 60) }]),
  });
}

/** A link for whichever mission is waiting for one. */
async function linkForAnyMission(ctx: Context, url: string | undefined, noneMessage: string): Promise<void> {
  const inf = ctx.influencer;
  if (!inf) return;
  const { waiting, usedUp, maxAttempts } = await linkWaiting(ctx.deps, inf.id);
  if (!waiting.length) {
    // Accepted missions whose attempts are all used: say so, not "no mission waiting".
    const [first] = usedUp;
    if (first && usedUp.length === 1) return ctx.replyWith("journey.submit.no_attempts_left", { max: maxAttempts, title: missionTitleFor(first, ctx.locale) });
    if (usedUp.length > 1) return ctx.replyWith("journey.submit.link_attempts_used_up", { max: maxAttempts });
    return ctx.replyWith(noneMessage);
  }
  const only = waiting.length === 1 ? waiting[0] : undefined;
  if (only) return url ? receiveLink(ctx, only.id, url) : askLink(ctx, only);
  await pickMission(ctx, waiting, url);
}

async function submitCommand(ctx: Context): Promise<void> {
  if (!member(ctx)) return;
  const arg = commandArgs(ctx).join(" ");
  await linkForAnyMission(ctx, arg ? (linkIn(arg) ?? arg) : undefined, "journey.submit.nothing_accepted");
}

async function submitButton(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const id = payloadId(ctx);
  if (!inf || !id) return;
  // A Submit button from an old message (the link already sent, the mission closed, attempts used
  // up): say why now, rather than asking for a link that would be refused.
  const welcome = await linkWelcome(ctx.deps, inf.id, id);
  if (!welcome.ok) return ctx.replyWith(welcome.error, welcome.params);
  const m = welcome.value.mission;
  const state = ctx.flow.current;
  const kept = state?.flow === FLOW_SUBMIT && state.step === "pick" && typeof state.data.url === "string" ? state.data.url : null;
  if (!kept) return askLink(ctx, m, keptTry(ctx, id));
  // The link sent before the choice: submitted now; if refused, they are asked for another one.
  await ctx.flow.start(FLOW_SUBMIT, "link", { missionId: id }, FLOW_TTL_MS);
  await receiveLink(ctx, id, kept);
}

async function receiveLink(ctx: Context, missionId: number, url: string): Promise<void> {
  const inf = ctx.influencer;
  if (!inf) return;
  const r = await submitLink(ctx.deps, inf.id, missionId, url);
  if (!r.ok) {
    ctx.replyWith(r.error, r.params);
    if (ctx.flow.current?.flow === FLOW_SUBMIT) ctx.replyWith("journey.submit.try_again");
    return;
  }
  if (ctx.flow.current) await ctx.flow.end();
  ctx.replyWith("journey.submit.received");
}

async function submitStep(ctx: Context): Promise<void> {
  const state = ctx.flow.current;
  const message = text(ctx);
  if (state?.step === "pick") {
    // Still choosing: a new link replaces the kept one; anything else repeats the question.
    const inf = ctx.influencer;
    if (!inf) return;
    const url = message ? linkIn(message) : null;
    const waiting = await missionsAwaitingLink(ctx.deps, inf.id);
    if (!waiting.length) {
      await ctx.flow.end();
      return ctx.replyWith("journey.submit.nothing_accepted");
    }
    return pickMission(ctx, waiting, url ?? String(state.data.url ?? ""));
  }
  const missionId = Number(state?.data.missionId);
  if (!message || !Number.isSafeInteger(missionId)) return ctx.replyWith("journey.submit.ask_link_again");
  await receiveLink(ctx, missionId, linkIn(message) ?? message);
}

/** The link form submitted: accepted, or refused with a Try again that reopens it pre-filled. */
async function linkFormSubmitted(ctx: Context): Promise<void> {
  const inf = member(ctx);
  const form = linkFormValues(ctx);
  if (!inf) return;
  if (!form) return ctx.replyWith("core.stale_action");
  const r = await submitLink(ctx.deps, inf.id, form.missionId, linkIn(form.url) ?? form.url);
  if (r.ok) {
    if (ctx.flow.current) await ctx.flow.end();
    return ctx.replyWith("journey.submit.received");
  }
  const error = ctx.t(r.error, r.params);
  await ctx.flow.start(FLOW_SUBMIT, "link", { missionId: form.missionId, lastUrl: form.url, lastError: error }, FLOW_TTL_MS);
  ctx.replyWith(r.error, r.params, { ephemeral: true });
  ctx.replyWith("journey.submit.form_try_again", {}, { ephemeral: true, buttons: tryAgainButton(ctx, ACTION_SUBMIT_START, form.missionId) });
}

/**
 * A link pasted outside any flow by a member, in a direct chat, is a submission: the engine's one
 * rule for every platform. Other text goes on to the fallback.
 */
async function bareLink(ctx: Context, next: () => Promise<void>): Promise<void> {
  const p = ctx.event.payload;
  const status = ctx.influencer?.status;
  const url = p.type === "text" && !ctx.flow.current && ctx.event.chatType === "private" && (status === "active" || status === "paused") ? linkIn(p.text) : null;
  if (!url) return next();
  await linkForAnyMission(ctx, url, "journey.submit.link_without_mission");
}

export function registerSubmitHandlers(router: Router): void {
  registerProofHandlers(router); // before bareLink: a photo's caption may hold a link
  router.use(bareLink);
  router.command("submit", submitCommand);
  router.action(ACTION_SUBMIT_START, submitButton);
  router.form(LINK_FORM_ID, linkFormSubmitted);
  router.flow(FLOW_SUBMIT, submitStep);
}
