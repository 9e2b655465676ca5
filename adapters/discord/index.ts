// The Discord component for the app: built only when DISCORD_BOT_TOKEN is set. The adapter is also
// the Discord MessageSender the outbox dispatcher needs (pass `adapter` to the delivery component).
import type { AppCore, Component } from "../../src/app.js";
import type { EventHandler } from "../adapter.js";
import { DiscordAdapter } from "./transport.js";

export { DiscordAdapter };

export function createDiscordAdapter(core: Pick<AppCore, "config" | "deps" | "log" | "clock">): DiscordAdapter | undefined {
  if (!core.config.DISCORD_BOT_TOKEN) return undefined;
  return new DiscordAdapter({ config: core.config, db: core.deps.db, log: core.log, clock: core.clock });
}

export function discordComponent(adapter: DiscordAdapter, handler: EventHandler): Component {
  return {
    name: "discord",
    start: () => adapter.start(handler),
    stop: () => adapter.stop(),
  };
}
