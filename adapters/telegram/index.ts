// The Telegram component for the app: built only when TELEGRAM_BOT_TOKEN is set. Polling by
// default; TELEGRAM_MODE=webhook mounts POST /telegram/webhook on Advo's HTTP server and registers
// the webhook at start. The adapter is also the Telegram MessageSender the outbox dispatcher needs
// (pass `adapter` to the delivery component).
import type { AppCore, Component } from "../../src/app.js";
import type { EventHandler } from "../adapter.js";
import { TelegramAdapter } from "./transport.js";

export { TelegramAdapter };

export function createTelegramAdapter(core: Pick<AppCore, "config" | "deps" | "log" | "clock" | "http">): TelegramAdapter | undefined {
  if (!core.config.TELEGRAM_BOT_TOKEN) return undefined;
  return new TelegramAdapter({ config: core.config, db: core.deps.db, log: core.log, clock: core.clock, http: core.http });
}

export function telegramComponent(adapter: TelegramAdapter, handler: EventHandler): Component {
  return {
    name: "telegram",
    start: () => adapter.start(handler),
    stop: () => adapter.stop(),
  };
}
