// The conversation engine: one event in, the direct replies out.
// Intake order: drop the bot's own messages → de-duplicate by event id → serialize per
// conversation (lease) → build the context → route → reply. One error boundary per event.
import { randomBytes } from "node:crypto";
import { errorCode } from "../errors.js";
import { countDatabaseError } from "../metrics-hooks.js";
import { normalizeLocale, pickLocale, t, tb, type Locale, type Params } from "../i18n/translate.js";
import { formatDeadline, isTimeZone, zoneOf } from "../i18n/dates.js";
import { rememberPlatformLocale, setTimeZone } from "../services/influencers.js";
import type { Deps } from "../services/deps.js";
import type { Context, Influencer, ReplyExtra } from "./context.js";
import type { InboundEvent } from "./events.js";
import type { OutboundMessage } from "./message.js";
import { StoredFlow } from "./flow-store.js";
import { commandParams } from "./commands-shown.js";
import { CLEAR_SOURCE_BUTTONS, isStale, onlyButtonsReplace, stampReplies, withoutVersion } from "./button-versions.js";
import { influencerOfAccount } from "./influencer-lookup.js";
import { admitEvent, purgeExpiredEvents, type IntakeOptions } from "./intake.js";
import { Router, type EnginePlugin } from "./router.js";
import { registerCoreHandlers } from "./handlers/core.js";
import { registerJourneyHandlers } from "./handlers/journey.js";
import { registerManagerHandlers } from "./manage/index.js";

export interface EngineOptions extends Partial<IntakeOptions> {
  /** extra registrations run after the built-in ones (manager area, tests) */
  plugins?: EnginePlugin[];
  /** identifies this process in lease owners (default: random) */
  instanceId?: string;
  /** false: skip the built-in influencer journey (router-only tests) */
  journey?: boolean;
  /** false: skip src/engine/manage registration */
  manage?: boolean;
}

export interface Engine {
  handle(event: InboundEvent): Promise<OutboundMessage[]>;
  readonly router: Router;
}

const PURGE_EVERY = 500;

export function createEngine(deps: Deps, options: EngineOptions = {}): Engine {
  const intake: IntakeOptions = {
    dedupeTtlMs: options.dedupeTtlMs ?? 7 * 24 * 3600_000,
    leaseMs: options.leaseMs ?? 30_000,
    leaseWaitMs: options.leaseWaitMs ?? 20_000,
  };
  const instance = options.instanceId ?? randomBytes(4).toString("hex");
  let seq = 0;

  const router = new Router();
  registerCoreHandlers(router);
  if (options.journey !== false) registerJourneyHandlers(router);
  if (options.manage !== false) registerManagerHandlers(router);
  for (const plugin of options.plugins ?? []) plugin(router);
  registerCoreFallbacks(router);

  async function handle(stampedEvent: InboundEvent): Promise<OutboundMessage[]> {
    if (stampedEvent.author.isBot) return [];
    const { event, version: buttonVersion } = withoutVersion(stampedEvent);
    let locale: Locale = pickLocale(null, event.author.locale, deps.config.DEFAULT_LOCALE);
    let flow: StoredFlow | undefined;
    const replies: OutboundMessage[] = [];
    try {
      if (++seq % PURGE_EVERY === 0) await purgeExpiredEvents(deps);
      // The influencer read runs beside the intake transaction (wasted only on a duplicate).
      const [admission, found] = await Promise.allSettled([
        admitEvent(deps, event.id, event.conversation, `${instance}:${seq}`, intake),
        findInfluencer(deps, event),
      ]);
      if (admission.status === "rejected") throw admission.reason;
      if (!admission.value) return [];
      flow = new StoredFlow(deps, event.conversation, admission.value.row, admission.value.owner);
      if (found.status === "rejected") throw found.reason; // after the lease is in `flow`, so finally gives it back
      const influencer = found.value;
      locale = pickLocale(influencer?.locale, event.author.locale, deps.config.DEFAULT_LOCALE);
      const hint = normalizeLocale(event.author.locale);
      // Jobs and broadcasts render in this locale when the user never chose one: keep it current.
      if (influencer && hint && influencer.platformLocale !== hint) await rememberPlatformLocale(deps, influencer.id, hint);
      // Quiet hours and reminders read Influencer.timezone: take the platform's zone until they pick one.
      if (influencer && !influencer.timezone && isTimeZone(event.author.timeZone)) {
        influencer.timezone = (await setTimeZone(deps, influencer.id, event.author.timeZone, { onlyIfUnset: true })) ?? null;
      }
      // A button of a step that is over changes nothing: say so, and take its buttons away.
      if (isStale(buttonVersion, flow.current)) return [CLEAR_SOURCE_BUTTONS, { blocks: tb(locale, "core.moved_on"), ephemeral: true }];
      const ctx = buildContext(deps, event, locale, influencer, flow, replies);
      await router.handle(ctx);
      // The flow's last write and the lease release: one statement.
      await flow.finish();
      return finishReplies(event, buttonVersion, flow, ctx.replies, router);
    } catch (err) {
      deps.metrics?.engineError(event.platform, errorCode(err));
      countDatabaseError(deps.metrics, "engine", err);
      deps.log.error(
        { err, code: errorCode(err), eventId: event.id, conversation: event.conversation, payload: event.payload.type },
        "event handling failed",
      );
      return [{ blocks: tb(locale, "core.error.generic") }];
    } finally {
      if (flow) {
        await flow.finish().catch((err: unknown) => deps.log.error({ err, conversation: event.conversation }, "lease release failed"));
      }
    }
  }

  return { handle, router };
}

/**
 * A flow's step buttons carry its version; a step button whose step moved on loses its buttons on
 * its own message (unless a reply replaces that message anyway).
 */
function finishReplies(event: InboundEvent, buttonVersion: number | undefined, flow: StoredFlow, replies: OutboundMessage[], router: Router): OutboundMessage[] {
  const current = flow.current;
  let out = onlyButtonsReplace(event, replies);
  const prefix = current ? router.stepButtonPrefix(current.flow) : undefined;
  if (current && prefix) out = stampReplies(out, prefix, current.version);
  if (buttonVersion !== undefined && current?.version !== buttonVersion && !out.some((r) => r.replace)) out = [CLEAR_SOURCE_BUTTONS, ...out];
  return out;
}

function findInfluencer(deps: Deps, event: InboundEvent): Promise<Influencer | null> {
  return influencerOfAccount(deps.db, event.platform, event.author.id);
}

function buildContext(
  deps: Deps,
  event: InboundEvent,
  locale: Locale,
  influencer: Influencer | null,
  flow: StoredFlow,
  replies: OutboundMessage[],
): Context {
  const ctx: Context = {
    event,
    deps,
    locale,
    actor: `${event.platform}:${event.author.id}`,
    influencer,
    flow,
    replies,
    reply: (m) => void replies.push(m),
    timeZone: zoneOf(influencer?.timezone, event.author.timeZone, deps.config.JOBS_TZ),
    date: (d: Date) => formatDeadline(d, { locale: ctx.locale, timeZone: ctx.timeZone }),
    replyWith: (id: string, params?: Params, extra: ReplyExtra = {}) =>
      void replies.push({ blocks: tb({ locale: ctx.locale, timeZone: ctx.timeZone }, id, { ...commandParams(event.platform, ctx.locale, event.author.clientLocale), ...params }), ...extra }),
    t: (id: string, params?: Params) => t({ locale: ctx.locale, timeZone: ctx.timeZone }, id, params),
    reloadInfluencer: async () => (ctx.influencer = await findInfluencer(deps, event)),
    setLocale: (l) => void (ctx.locale = l),
  };
  return ctx;
}

/** Unknown commands and stray input get a helpful answer instead of silence. */
function registerCoreFallbacks(router: Router): void {
  router.unknownCommand((ctx) => {
    const p = ctx.event.payload;
    ctx.replyWith("core.unknown_command", { command: p.type === "command" ? p.name : "?" });
  });
  router.fallback((ctx) => {
    if (ctx.event.payload.type === "action" || ctx.event.payload.type === "form") ctx.replyWith("core.stale_action");
    else ctx.replyWith(ctx.influencer ? "core.text_outside_flow" : "core.not_joined");
  });
}
