// Which components run besides the core: one factory per platform (each starts only when its
// credentials are set), the console, the outbox dispatcher and the scheduler.
import type { AppCore, ComponentFactory } from "../src/app.js";
import { createDeliveryComponent } from "../src/delivery/component.js";
import type { MessageSender } from "../src/delivery/port.js";
import { createSchedulerComponent } from "../src/jobs/scheduler.js";
import { discordAdapterFor, discordFactory } from "./discord/index.js";
import { telegramAdapterFor, telegramFactory } from "./telegram/index.js";
import { slackAdapterFor, slackFactory } from "./slack/index.js";
import { consoleAdapterFor, consoleFactory } from "./console/index.js";

// Issue 8 (scheduler + outbox delivery) — the lead reconciles the final composition:
// - the scheduler runs every job of src/jobs/registry.ts (no-op when JOBS_ENABLED=false);
// - the dispatcher uses the platform adapters as its MessageSenders (platformDeliveryFactory below).
export const schedulerFactory: ComponentFactory = (core) => [createSchedulerComponent(core)];
export function deliveryFactory(senders: (core: AppCore) => MessageSender[]): ComponentFactory {
  return (core) => [createDeliveryComponent(core, senders(core))];
}
export { createDeliveryComponent, createSchedulerComponent };

// Discord: starts when DISCORD_BOT_TOKEN is set; its sender for delivery is discordAdapterFor(core)
// from ./discord/index.js (the same instance).
// Slack: starts when SLACK_BOT_TOKEN is set; its sender for delivery is slackAdapterFor(core)
// from ./slack/index.js (the same instance).
// Telegram: starts when TELEGRAM_BOT_TOKEN is set; its sender for delivery is telegramAdapterFor(core)
// from ./telegram/index.js (the same instance).
// Console: starts with `npm start` when no platform credentials are set and stdin is a terminal
// (CONSOLE=on forces it, CONSOLE=off disables it); its sender is consoleAdapterFor(core), so the
// outbox reaches console users there too.
// Delivery (issue 8): the outbox dispatcher sends through the same adapter instances; listed after
// them so it starts last and stops first (its in-flight send finishes before the adapters close).
export const platformDeliveryFactory: ComponentFactory = deliveryFactory((core) =>
  [telegramAdapterFor(core), discordAdapterFor(core), slackAdapterFor(core), consoleAdapterFor(core)].filter((a): a is NonNullable<typeof a> => a !== undefined),
);
export const componentFactories: ComponentFactory[] = [schedulerFactory, discordFactory, slackFactory, telegramFactory, consoleFactory, platformDeliveryFactory];
