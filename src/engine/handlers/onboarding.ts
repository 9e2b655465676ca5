// Joining (/start CODE) and the onboarding state machine:
// consent (with the language row, see onboarding-first.ts) → time zone (unless the platform told it)
// → handles (network, then handle; repeat) → region → interests → summary.
// The step lives in the Conversation row, so a restart resumes at the same question.
import { isOwnReferralCode } from "../../services/referrals.js";
import { LOCALES } from "../../config.js";
import { INTERESTS, NETWORKS, ONBOARDING_MESSAGES as M, REGIONS, type Network } from "../../domain/program-content.js";
import { isLocale } from "../../i18n/translate.js";
import { detectNetworkFromProfileUrl } from "../../domain/handles.js";
import { joinWithCode } from "../../services/invitations-join.js";
import { activate, addHandle, recordConsent, setInterests, setRegion } from "../../services/onboarding.js";
import { stringList } from "../../domain/segment.js";
import { missionFromStart, openMissionLink } from "./missions.js";
import type { Context } from "../context.js";
import type { Button } from "../message.js";
import type { Router } from "../router.js";
import { networkLabel } from "../mission-card.js";
import { ACTION_LANGUAGE, chooseLanguage } from "./core.js";
import { ACTION_ONB_LANGUAGE, answerTimeZone, askConsent, askTimeZone } from "./onboarding-first.js";
import { tb } from "../../i18n/translate.js";
import { actionId, actionPayload, commandArgs, contactOf, text } from "./shared.js";
import { HANDLES_LISTED } from "../../services/social-handles.js";

export const FLOW_ONBOARDING = "onboarding";
const rows = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** `inPlace`: the question replaces the message whose button was pressed (a toggle, not a new step). */
async function ask(ctx: Context, step: string, inPlace = false): Promise<void> {
  const inf = ctx.influencer;
  switch (step) {
    case "consent":
      return askConsent(ctx, { inPlace });
    case "timezone":
      return askTimeZone(ctx);
    case "language":
      return ctx.replyWith(M.language, {}, { buttons: [LOCALES.map((l) => ({ action: "onb.lang", payload: l, label: ctx.t(`core.language.name.${l}`) }))] });
    case "handles": {
      const handles = inf ? await ctx.deps.db.socialHandle.findMany({ where: { influencerId: inf.id }, orderBy: { id: "asc" }, take: HANDLES_LISTED }) : [];
      const buttons: Button[][] = rows(NETWORKS.map((n) => ({ action: "onb.net", payload: n, label: networkLabel(n) })), 4);
      if (handles.length) buttons.push([{ action: "onb.handles_done", label: ctx.t("journey.onboarding.handles_done"), style: "primary" }]);
      const list = handles.map((h) => `${networkLabel(h.network)} @${h.handle}`).join(", ");
      return ctx.replyWith(M.handles, { handles: list || "—" }, { buttons });
    }
    case "handle_input": {
      const network = String(ctx.flow.current?.data.network ?? "");
      return ctx.replyWith("journey.onboarding.handle_input", { network: networkLabel(network) });
    }
    case "region":
      return ctx.replyWith(M.region, {}, { buttons: rows(REGIONS.map((r) => ({ action: "onb.region", payload: r, label: ctx.t(`journey.region.${r}`) })), 4) });
    case "interests": {
      const chosen = new Set(stringList(ctx.flow.current?.data.interests));
      const buttons: Button[][] = rows(INTERESTS.map((i): Button => ({ action: "onb.interest", payload: i, label: `${chosen.has(i) ? "✓ " : ""}${ctx.t(`journey.interest.${i}`)}` })), 4);
      buttons.push([{ action: "onb.interests_done", label: ctx.t("journey.onboarding.interests_done"), style: "primary" }]);
      return ctx.replyWith(M.interests, {}, { buttons, ...(inPlace ? { replace: "message" as const } : {}) });
    }
    case "summary":
      return summary(ctx);
  }
}

async function summary(ctx: Context): Promise<void> {
  const inf = await ctx.reloadInfluencer();
  if (!inf) return;
  const handles = await ctx.deps.db.socialHandle.findMany({ where: { influencerId: inf.id }, orderBy: { id: "asc" }, take: HANDLES_LISTED });
  ctx.replyWith(M.summary, {
    language: ctx.t(`core.language.name.${ctx.locale}`),
    handles: handles.map((h) => `${networkLabel(h.network)} @${h.handle}`).join(", "),
    region: inf.region ? ctx.t(`journey.region.${inf.region}`) : "—",
    interests: stringList(inf.interests).map((i) => ctx.t(`journey.interest.${i}`)).join(", "),
  }, {
    buttons: [
      [{ action: "onb.confirm", label: ctx.t("journey.onboarding.confirm"), style: "primary" }],
      (["language", "handles", "region", "interests"] as const).map((s) => ({ action: "onb.edit", payload: s, label: ctx.t(`journey.onboarding.edit_${s}`) })),
      [{ action: "onb.edit", payload: "timezone", label: ctx.t("lang.onboarding.edit_timezone") }],
    ],
  });
  // The zone goes under the list: the summary message is shared with the journey catalog.
  const last = ctx.replies.at(-1);
  if (last) last.blocks = [...last.blocks, ...tb({ locale: ctx.locale, timeZone: ctx.timeZone }, "lang.onboarding.summary_zone", { zone: ctx.timeZone })];
}

/** After a step is answered: the next question, or back to the summary when editing. */
async function advance(ctx: Context, next: string): Promise<void> {
  const target = ctx.flow.current?.data.editing ? "summary" : next;
  await ctx.flow.goto(target);
  await ask(ctx, target);
}

/** Reads "instagram @name", or a profile URL of any network. */
export function handleFromText(input: string): { network: Network; input: string } | undefined {
  const [first, ...rest] = input.split(/\s+/);
  const net = first?.toLowerCase();
  if (net && (NETWORKS as readonly string[]).includes(net) && rest.length) return { network: net as Network, input: rest.join(" ") };
  const fromUrl = detectNetworkFromProfileUrl(input);
  return fromUrl ? { network: fromUrl, input } : undefined;
}

async function saveHandle(ctx: Context, network: Network, input: string): Promise<void> {
  const inf = ctx.influencer;
  if (!inf) return;
  const r = await addHandle(ctx.deps, inf.id, network, input);
  if (!r.ok && r.error === "journey.handles.already_yours") {
    // Theirs already: nothing to fix, so move on to the handles list (with its Done button).
    ctx.replyWith(r.error, r.params);
    await ctx.flow.goto("handles");
    return ask(ctx, "handles");
  }
  if (!r.ok) {
    ctx.replyWith(r.error, r.params);
    return ask(ctx, ctx.flow.current?.step ?? "handles");
  }
  ctx.replyWith("journey.onboarding.handle_added", { network: networkLabel(r.value.network), handle: r.value.handle });
  await ctx.flow.goto("handles");
  await ask(ctx, "handles");
}

async function onboardingStep(ctx: Context): Promise<void> {
  const state = ctx.flow.current;
  const inf = ctx.influencer;
  if (!state || !inf) return;
  const id = actionId(ctx);
  const value = actionPayload(ctx);
  const typed = text(ctx);

  if (id === "onb.edit" && state.step === "summary" && value && ["language", "handles", "region", "interests", "timezone"].includes(value)) {
    const data = value === "interests" ? { editing: true, interests: stringList(inf.interests) } : { editing: true };
    await ctx.flow.goto(value, data);
    return ask(ctx, value);
  }

  switch (state.step) {
    case "consent":
      if (id === "onb.consent" && value === "yes") {
        await recordConsent(ctx.deps, inf.id);
        ctx.replyWith("journey.onboarding.consent_thanks");
        // The language was offered on this very message; a zone the platform gave (Slack) is kept.
        return advance(ctx, inf.timezone ? "handles" : "timezone");
      }
      if (id === ACTION_ONB_LANGUAGE && isLocale(value)) {
        await chooseLanguage(ctx, value);
        return askConsent(ctx, { welcome: state.data.welcome === true, inPlace: true });
      }
      if (id === "onb.consent" && value === "no") {
        // "Not now" keeps the way back in view: the button again, and /start for later.
        ctx.replyWith("journey.onboarding.consent_needed");
        return ctx.replyWith("onboarding.not_now", {}, {
          buttons: [[{ action: "onb.consent", payload: "yes", label: ctx.t("journey.onboarding.consent_yes"), style: "primary" }]],
        });
      }
      break;
    case "language":
      if (id === ACTION_ONB_LANGUAGE && isLocale(value)) {
        await chooseLanguage(ctx, value);
        return advance(ctx, "handles");
      }
      break;
    case "timezone":
      if (await answerTimeZone(ctx, id, value, typed)) return advance(ctx, "handles");
      if (id || typed) return; // answered: asked again, or the matching zones offered
      break;
    case "handles":
      if (id === "onb.net" && (NETWORKS as readonly string[]).includes(value ?? "")) {
        await ctx.flow.goto("handle_input", { network: value });
        return ask(ctx, "handle_input");
      }
      if (id === "onb.handles_done") {
        const count = await ctx.deps.db.socialHandle.count({ where: { influencerId: inf.id } });
        if (!count) return ctx.replyWith("journey.onboarding.handles_needed");
        return advance(ctx, "region");
      }
      if (typed) {
        const parsed = handleFromText(typed);
        if (parsed) return saveHandle(ctx, parsed.network, parsed.input);
        ctx.replyWith("journey.onboarding.pick_network_first");
        return ask(ctx, "handles");
      }
      break;
    case "handle_input":
      if (typed) return saveHandle(ctx, state.data.network as Network, typed);
      if (id === "onb.net" || id === "onb.handles_done") {
        await ctx.flow.goto("handles");
        return onboardingStep(ctx);
      }
      break;
    case "region":
      if (id === "onb.region" && value) {
        const r = await setRegion(ctx.deps, inf.id, value);
        if (r.ok) return advance(ctx, "interests");
      }
      break;
    case "interests":
      if (id === "onb.interest" && (INTERESTS as readonly string[]).includes(value ?? "")) {
        const chosen = new Set(stringList(state.data.interests));
        if (chosen.has(value as string)) chosen.delete(value as string);
        else chosen.add(value as string);
        await ctx.flow.update({ interests: [...chosen] });
        return ask(ctx, "interests", true);
      }
      if (id === "onb.interests_done") {
        const r = await setInterests(ctx.deps, inf.id, stringList(state.data.interests));
        if (!r.ok) {
          ctx.replyWith(r.error, r.params);
          return ask(ctx, "interests");
        }
        return advance(ctx, "summary");
      }
      break;
    case "summary":
      if (id === "onb.confirm") {
        await activate(ctx.deps, inf.id, contactOf(ctx));
        await ctx.flow.end();
        await ctx.reloadInfluencer();
        return ctx.replyWith(M.done, { brand: ctx.deps.config.BRAND_NAME });
      }
      break;
  }
  // Anything else: say so and ask the current question again.
  ctx.replyWith(id ? "core.stale_action" : "journey.onboarding.use_buttons");
  await ask(ctx, state.step);
}

async function start(ctx: Context): Promise<void> {
  // A mission's deep link (t.me/<bot>?start=m_<id>) opens that mission, for members only.
  const mission = missionFromStart(commandArgs(ctx)[0]);
  if (mission && commandArgs(ctx).length === 1) return openMissionLink(ctx, mission);
  const inf = ctx.influencer;
  if (inf && inf.status !== "onboarding") {
    // A member sending their own referral code is told it is for friends (issue 21).
    if (commandArgs(ctx).length && (await isOwnReferralCode(ctx.deps.db, inf.id, commandArgs(ctx).join("")))) return ctx.replyWith("growth.refer.own_code");
    return ctx.replyWith("journey.join.welcome_back", { brand: ctx.deps.config.BRAND_NAME });
  }
  if (inf) return resumeOnboarding(ctx);
  // "/start abc 123" is the code typed with a space: the service ignores spaces and case.
  const code = commandArgs(ctx).join("");
  if (!code) return ctx.replyWith("core.not_joined");
  const e = ctx.event;
  const r = await joinWithCode(ctx.deps, {
    platform: e.platform, externalId: e.author.id, chatId: contactOf(ctx).chatId,
    ...(e.author.username ? { username: e.author.username } : {}),
    ...(e.author.name ? { name: e.author.name } : {}),
    ...(e.author.locale ? { localeHint: e.author.locale } : {}),
  }, code);
  if (!r.ok) return ctx.replyWith(r.error, r.params);
  ctx.influencer = r.value.influencer;
  if (r.value.kind === "welcome_back") return start(ctx);
  // One first message, in the platform's language, with the language choice on it.
  await ctx.flow.start(FLOW_ONBOARDING, "consent", { welcome: true });
  askConsent(ctx, { welcome: true });
}

async function resumeOnboarding(ctx: Context): Promise<void> {
  ctx.replyWith("journey.onboarding.resume");
  const state = ctx.flow.current;
  if (state?.flow === FLOW_ONBOARDING) return ask(ctx, state.step);
  // The flow was lost (expired or another chat): start over from the consent.
  await ctx.flow.start(FLOW_ONBOARDING, "consent");
  await ask(ctx, "consent");
}

/** A language just chosen with /language (typed with a code, or its button). */
function choseLanguage(ctx: Context): boolean {
  const p = ctx.event.payload;
  if (p.type === "command") return p.name.toLowerCase() === "language" && isLocale(p.args[0]?.toLowerCase());
  return p.type === "action" && p.id === ACTION_LANGUAGE && isLocale(p.payload);
}

/**
 * Commands that work in every flow, seen from onboarding: /help says how to go on and asks the
 * current question again; after /language the current question is asked again in the new language
 * (or, at the language step, that answers it).
 */
async function onboardingAside(ctx: Context, next: () => Promise<void>): Promise<void> {
  const state = ctx.flow.current;
  const p = ctx.event.payload;
  if (state?.flow !== FLOW_ONBOARDING || !ctx.influencer) return next();
  if (p.type === "command" && p.name.toLowerCase() === "help") {
    ctx.replyWith("onboarding.help");
    return ask(ctx, state.step);
  }
  await next();
  if (!choseLanguage(ctx) || ctx.flow.current?.flow !== FLOW_ONBOARDING) return;
  if (state.step === "language") return advance(ctx, "handles");
  return ask(ctx, ctx.flow.current.step);
}

export function registerOnboardingHandlers(router: Router): void {
  router.use(onboardingAside);
  router.command("start", start);
  router.flow(FLOW_ONBOARDING, onboardingStep, { buttons: "onb." });
  // Onboarding buttons pressed outside the flow (old messages, after a restart of the flow).
  router.action("onb.*", async (ctx) => {
    if (ctx.flow.current?.flow === FLOW_ONBOARDING) return onboardingStep(ctx);
    if (ctx.influencer?.status === "onboarding") return resumeOnboarding(ctx);
    ctx.replyWith("core.stale_action");
  });
}
