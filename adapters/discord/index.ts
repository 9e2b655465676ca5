// The Discord component for the app: built only when DISCORD_BOT_TOKEN is set. The adapter is also
// the Discord MessageSender the outbox dispatcher needs: `discordAdapterFor(core)` returns the same
// instance to every caller (the platform component and the delivery component).
import type { AppCore, Component, ComponentFactory } from "../../src/app.js";
import type { EventHandler } from "../adapter.js";
import { DiscordAdapter } from "./adapter.js";

export { DiscordAdapter };

type CoreParts = Pick<AppCore, "config" | "deps" | "log" | "clock">;

export function createDiscordAdapter(core: CoreParts): DiscordAdapter | undefined {
  if (!core.config.DISCORD_BOT_TOKEN) return undefined;
  return new DiscordAdapter({ config: core.config, db: core.deps.db, log: core.log, clock: core.clock, metrics: core.deps.metrics });
}

const instances = new WeakMap<object, DiscordAdapter | null>();

/** One adapter per app core (undefined when Discord is not configured). */
export function discordAdapterFor(core: CoreParts): DiscordAdapter | undefined {
  if (!instances.has(core)) instances.set(core, createDiscordAdapter(core) ?? null);
  return instances.get(core) ?? undefined;
}

export function discordComponent(adapter: DiscordAdapter, handler: EventHandler): Component {
  return {
    name: "discord",
    start: () => adapter.start(handler),
    stop: () => adapter.stop(),
    // /readyz: the gateway connection is up (discord.js reconnects by itself)
    ready: async () => adapter.client.isReady(),
  };
}

/** For adapters/index.ts: the Discord component, handing events to the engine. */
export const discordFactory: ComponentFactory = (core) => {
  const adapter = discordAdapterFor(core);
  return adapter ? [discordComponent(adapter, (event) => core.engine.handle(event))] : [];
};
