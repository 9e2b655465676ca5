// Shared set-up for the Telegram transport tests: the fake Bot API, a real test database and a
// real TelegramAdapter (grammY Bot) wired to a scripted engine handler.
import type { AutoRetryOptions } from "@grammyjs/auto-retry";
import { FakeClock } from "../../../src/clock.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger, type Logger } from "../../../src/logger.js";
import { HttpServer } from "../../../src/http/server.js";
import type { EventHandler, InboundEvent, OutboundMessage } from "../../../adapters/adapter.js";
import { TelegramAdapter, WEBHOOK_PATH } from "../../../adapters/telegram/transport.js";
import { FakeTelegramBotApi, type StoredMessage } from "../../fakes/telegram-bot-api.js";
import type { TestDatabase } from "../../helpers/db.js";
import type { MetricsHooks } from "../../../src/metrics-hooks.js";

export const SECRET = "s3cret_webhook-token";

export { eventually, until } from "../../helpers/poll.js";

export interface Harness {
  fake: FakeTelegramBotApi;
  adapter: TelegramAdapter;
  events: InboundEvent[];
  /** webhook mode: the full URL of Advo's webhook route */
  webhookUrl?: string;
  /** delivers an update the way the current mode receives it; returns the webhook HTTP status (polling: 200) */
  deliver(update: Record<string, unknown>, secret?: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startHarness(
  database: TestDatabase,
  reply: (event: InboundEvent) => Promise<OutboundMessage[]> | OutboundMessage[],
  options: { mode?: "polling" | "webhook"; env?: Record<string, string>; log?: Logger; autoRetry?: Partial<AutoRetryOptions>; sendTimeoutSeconds?: number; metrics?: MetricsHooks } = {},
): Promise<Harness> {
  const mode = options.mode ?? "polling";
  const fake = await new FakeTelegramBotApi().listen();
  let http: HttpServer | undefined;
  let webhookUrl: string | undefined;
  const env: Record<string, string> = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: mode, ...options.env };
  if (mode === "webhook") {
    http = new HttpServer(options.log ?? silentLogger);
    const port = await http.listen(0, "127.0.0.1");
    webhookUrl = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
    Object.assign(env, { TELEGRAM_WEBHOOK_URL: webhookUrl, TELEGRAM_WEBHOOK_SECRET: SECRET });
  }
  const adapter = new TelegramAdapter({
    config: testConfig(env),
    db: database.db,
    log: options.log ?? silentLogger,
    clock: new FakeClock(),
    botInfo: fake.botInfo,
    pollingTimeoutSeconds: 1,
    ...(http ? { http } : {}),
    ...(options.autoRetry ? { autoRetry: options.autoRetry } : {}),
    ...(options.sendTimeoutSeconds ? { sendTimeoutSeconds: options.sendTimeoutSeconds } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const events: InboundEvent[] = [];
  const handler: EventHandler = async (event) => {
    events.push(event);
    return reply(event);
  };
  await adapter.start(handler);
  return {
    fake,
    adapter,
    events,
    ...(webhookUrl ? { webhookUrl } : {}),
    deliver: async (update, secret = SECRET) => {
      if (webhookUrl) return fake.deliverWebhook(webhookUrl, update, secret);
      fake.pushUpdate(update);
      return 200;
    },
    stop: async () => {
      await http?.close();
      await adapter.stop();
      await fake.close();
    },
  };
}

let nextMessageId = 1;

export function privateText(userId: number, text: string, languageCode = "en"): Record<string, unknown> {
  return {
    message: {
      message_id: nextMessageId++,
      from: { id: userId, is_bot: false, first_name: "Ana", language_code: languageCode },
      chat: { id: userId, first_name: "Ana", type: "private" },
      date: 1764297000,
      text,
      ...(text.startsWith("/") ? { entities: [{ offset: 0, length: text.split(" ")[0]!.length, type: "bot_command" }] } : {}),
    },
  };
}

export function groupText(userId: number, chatId: number, text: string, languageCode = "en"): Record<string, unknown> {
  return {
    message: {
      message_id: nextMessageId++,
      from: { id: userId, is_bot: false, first_name: "Ana", language_code: languageCode },
      chat: { id: chatId, title: "Ambassadors", type: "supergroup" },
      date: 1764297000,
      text,
    },
  };
}

/** A tap on a button of a message the bot really sent (the fake keeps them). */
export function tapOn(fake: FakeTelegramBotApi, message: StoredMessage, userId: number, data: string, languageCode = "en"): Record<string, unknown> {
  return {
    callback_query: {
      id: `q${nextMessageId++}`,
      from: { id: userId, is_bot: false, first_name: "Ana", language_code: languageCode },
      message: fake.asCallbackMessage(message),
      chat_instance: "1",
      data,
    },
  };
}

export function tap(userId: number, chatId: number, data: string, queryId = `q${nextMessageId++}`): Record<string, unknown> {
  return {
    callback_query: {
      id: queryId,
      from: { id: userId, is_bot: false, first_name: "Ana", language_code: "en" },
      message: { message_id: 900, chat: chatId > 0 ? { id: chatId, type: "private" } : { id: chatId, type: "supergroup", title: "G" }, date: 1764297000, text: "card" },
      chat_instance: "1",
      data,
    },
  };
}
