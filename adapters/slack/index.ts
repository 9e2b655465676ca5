// The Slack component for the app: built only when SLACK_BOT_TOKEN is set. HTTP mode mounts
// POST /slack/events on Advo's HTTP server; SLACK_APP_TOKEN switches to Socket Mode. The adapter is
// also the Slack MessageSender the outbox dispatcher needs: `slackAdapterFor(core)` returns the same
// instance to every caller. Managers = members of SLACK_MANAGER_CHANNEL, synced into Manager rows.
import type { AppCore, Component, ComponentFactory } from "../../src/app.js";
import { isManager, OPERATOR, syncChannelManagers, userActor } from "../../src/services/managers.js";
import { homeReaders, influencerHome, managerHome, markHomeOpened } from "../../src/services/home-summary.js";
import { pickLocale } from "../../src/i18n/translate.js";
import { SEGMENT_FIELDS, segmentValues, type SegmentField } from "../../src/services/segment-values.js";
import { influencerHomeView, managerHomeView } from "./home.js";
import type { EventHandler } from "../adapter.js";
import { SlackAdapter } from "./transport.js";
import { outboxDeferral } from "../deferred-replies.js";

export { SlackAdapter };

type CoreParts = Pick<AppCore, "config" | "deps" | "log" | "clock" | "http"> & { engine?: Pick<AppCore["engine"], "router"> };

export function createSlackAdapter(core: CoreParts): SlackAdapter | undefined {
  const c = core.config;
  if (!c.SLACK_BOT_TOKEN) return undefined;
  const router = core.engine?.router;
  return new SlackAdapter({
    botToken: c.SLACK_BOT_TOKEN,
    ...(c.SLACK_SIGNING_SECRET ? { signingSecret: c.SLACK_SIGNING_SECRET } : {}),
    ...(c.SLACK_APP_TOKEN ? { appToken: c.SLACK_APP_TOKEN } : {}),
    ...(c.SLACK_MANAGER_CHANNEL ? { managerChannel: c.SLACK_MANAGER_CHANNEL } : {}),
    apiUrl: c.SLACK_API_URL ?? "https://slack.com/api/",
    log: core.log,
    clock: core.clock,
    http: core.http,
    syncManagers: (userIds) => syncChannelManagers(core.deps, "slack", userIds),
    isManager: (userId) => isManager(core.deps, "slack", userId),
    homeView: async (userId, hints) => {
      const locale = pickLocale(null, hints.locale, c.DEFAULT_LOCALE);
      // Manager data only for a manager; anyone else sees their own Home.
      if (await isManager(core.deps, "slack", userId)) {
        const home = await managerHome(core.deps, userActor("slack", userId));
        if (home.ok) return managerHomeView(locale, home.value, core.clock.now());
      }
      const own = await influencerHome(core.deps, "slack", userId);
      return influencerHomeView(pickLocale(own.locale, hints.locale, c.DEFAULT_LOCALE), own, hints.timeZone);
    },
    homeOpened: (userId) => markHomeOpened(core.deps, "slack", userId),
    suggestions: async (field) => ((SEGMENT_FIELDS as readonly string[]).includes(field) ? segmentValues(core.deps, field as SegmentField) : []),
    homeRepublish: {
      readers: () => homeReaders(core.deps, "slack"),
      // The managers' summary is the same for every manager: built once, drawn in each one's language.
      views: async () => {
        const home = await managerHome(core.deps, OPERATOR);
        if (!home.ok) return undefined;
        const now = core.clock.now();
        return (hints) => managerHomeView(pickLocale(null, hints.locale, c.DEFAULT_LOCALE), home.value, now);
      },
    },
    ...(router ? { knownCommand: (name: string) => router.hasCommand(name) } : {}),
    deferReply: outboxDeferral(core.deps.db, "slack"),
    ...(core.deps.metrics ? { metrics: core.deps.metrics } : {}),
  });
}

const instances = new WeakMap<object, SlackAdapter | null>();

/** One adapter per app core (undefined when Slack is not configured). */
export function slackAdapterFor(core: CoreParts): SlackAdapter | undefined {
  if (!instances.has(core)) instances.set(core, createSlackAdapter(core) ?? null);
  return instances.get(core) ?? undefined;
}

export function slackComponent(adapter: SlackAdapter, handler: EventHandler): Component {
  return {
    name: "slack",
    start: () => adapter.start(handler),
    stop: () => adapter.stop(),
    ready: () => adapter.ready(),
  };
}

/** For adapters/index.ts: the Slack component, handing events to the engine. */
export const slackFactory: ComponentFactory = (core) => {
  const adapter = slackAdapterFor(core);
  return adapter ? [slackComponent(adapter, (event) => core.engine.handle(event))] : [];
};
