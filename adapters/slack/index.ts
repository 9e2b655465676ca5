// The Slack component for the app: built only when SLACK_BOT_TOKEN is set. HTTP mode mounts
// POST /slack/events on Advo's HTTP server; SLACK_APP_TOKEN switches to Socket Mode. The adapter is
// also the Slack MessageSender the outbox dispatcher needs (pass `adapter` to the delivery
// component). Managers = members of SLACK_MANAGER_CHANNEL, synced into Manager rows.
import type { AppCore, Component } from "../../src/app.js";
import { isManager, syncChannelManagers } from "../../src/services/managers.js";
import type { EventHandler } from "../adapter.js";
import { SlackAdapter } from "./transport.js";

export { SlackAdapter };

export function createSlackAdapter(core: Pick<AppCore, "config" | "deps" | "log" | "clock" | "http">): SlackAdapter | undefined {
  const c = core.config;
  if (!c.SLACK_BOT_TOKEN) return undefined;
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
  });
}

export function slackComponent(adapter: SlackAdapter, handler: EventHandler): Component {
  return {
    name: "slack",
    start: () => adapter.start(handler),
    stop: () => adapter.stop(),
  };
}
