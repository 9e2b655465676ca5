// The Telegram component for the app: built only when TELEGRAM_BOT_TOKEN is set. Polling by
// default; TELEGRAM_MODE=webhook mounts POST /telegram/webhook on Advo's HTTP server and registers
// the webhook at start. The adapter is also the Telegram MessageSender the outbox dispatcher needs:
// `telegramAdapterFor(core)` returns the same instance to every caller.
import type { AppCore, Component, ComponentFactory } from "../../src/app.js";
import type { EventHandler } from "../adapter.js";
import { TelegramAdapter } from "./transport.js";

export { TelegramAdapter };

type CoreParts = Pick<AppCore, "config" | "deps" | "log" | "clock" | "http">;

export function createTelegramAdapter(core: CoreParts): TelegramAdapter | undefined {
  if (!core.config.TELEGRAM_BOT_TOKEN) return undefined;
  return new TelegramAdapter({ config: core.config, db: core.deps.db, log: core.log, clock: core.clock, http: core.http, metrics: core.deps.metrics });
}

const instances = new WeakMap<object, TelegramAdapter | null>();

/** One adapter per app core (undefined when Telegram is not configured). */
export function telegramAdapterFor(core: CoreParts): TelegramAdapter | undefined {
  // Keyed by deps, not the core object: RunningApp is a copy of the core with the same deps.
  if (!instances.has(core.deps)) instances.set(core.deps, createTelegramAdapter(core) ?? null);
  return instances.get(core.deps) ?? undefined;
}

export function telegramComponent(adapter: TelegramAdapter, handler: EventHandler): Component {
  return {
    name: "telegram",
    start: () => adapter.start(handler),
    stop: () => adapter.stop(),
    ready: () => adapter.ready(),
  };
}

/** For adapters/index.ts: the Telegram component, handing events to the engine. */
export const telegramFactory: ComponentFactory = (core) => {
  const adapter = telegramAdapterFor(core);
  return adapter ? [telegramComponent(adapter, (event) => core.engine.handle(event))] : [];
};
