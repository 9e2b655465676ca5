// The real app with its Telegram component (grammY in long polling) against the fake Bot API, for
// tests where several people talk to the bot: each `Person` sends texts and taps buttons the bot
// really sent them, and `deliver` drains the outbox through the Telegram adapter.
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { createDispatcher } from "../../../src/delivery/component.js";
import { telegramAdapterFor, telegramFactory } from "../../../adapters/telegram/index.js";
import { FakeTelegramBotApi, type RecordedCall } from "../../fakes/telegram-bot-api.js";
import { createTestDatabaseUrl, type Provider } from "../../helpers/db.js";
import { eventually, until } from "./harness.js";

type Row = { text: string; callback_data?: string; url?: string }[];

export interface Person {
  id: number;
  text(text: string): Promise<RecordedCall[]>;
  /** taps the newest live button whose data (without its step version) starts with `prefix` */
  tap(prefix: string): Promise<RecordedCall[]>;
  /** everything the bot sent this person, as one text */
  all(): string;
}

export interface TelegramApp {
  app: RunningApp;
  fake: FakeTelegramBotApi;
  person(id: number, firstName: string, languageCode?: string): Person;
  /** drains the outbox through the Telegram adapter until `check` holds */
  deliver<T>(check: () => T | undefined | false, what: string): Promise<T>;
  stop(): Promise<void>;
}

export const sentText = (calls: RecordedCall[]) => calls.map((c) => String(c.params.text ?? "")).join("\n");

export async function startTelegramApp(provider: Provider, env: Record<string, string> = {}): Promise<TelegramApp> {
  const fake = await new FakeTelegramBotApi().listen();
  const database = await createTestDatabaseUrl(provider);
  const app = await startApp(
    testConfig({ DATABASE_URL: database.url, PORT: "0", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: "polling", ...env }),
    silentLogger, [telegramFactory],
  );
  let updateId = 0;
  const push = async (chat: number, update: Record<string, unknown>) => {
    const before = fake.messagesTo(chat).length;
    fake.pushUpdate({ update_id: ++updateId, ...update });
    await until(() => fake.pendingUpdates === 0, "update fetched");
    await telegramAdapterFor(app)!.idle();
    return fake.messagesTo(chat).slice(before);
  };
  const person = (id: number, firstName: string, languageCode = "en"): Person => {
    const from = { id, is_bot: false, first_name: firstName, language_code: languageCode };
    const chat = { id, type: "private" };
    return {
      id,
      text: (text) => push(id, { message: { message_id: updateId, from, chat, date: 1764297000, text, ...(text.startsWith("/") ? { entities: [{ offset: 0, length: text.split(" ")[0]!.length, type: "bot_command" }] } : {}) } }),
      tap: async (prefix) => {
        for (const message of fake.liveKeyboards(id).reverse()) {
          const found = (message.keyboard as Row[]).flat().find((b) => b.callback_data?.replace(/!\d+:/, ":").startsWith(prefix));
          if (found?.callback_data) return push(id, { callback_query: { id: `q${updateId}`, from, message: fake.asCallbackMessage(message), chat_instance: "1", data: found.callback_data } });
        }
        throw new Error(`no live button ${prefix} for ${id}`);
      },
      all: () => sentText(fake.messagesTo(id)),
    };
  };
  const dispatcher = createDispatcher(app, [telegramAdapterFor(app)!]);
  return {
    app, fake, person,
    deliver: (check, what) => eventually(async () => {
      await dispatcher.drain();
      return check();
    }, what, 30_000),
    stop: async () => {
      await app.stop();
      await fake.close();
      await database.drop();
    },
  };
}
