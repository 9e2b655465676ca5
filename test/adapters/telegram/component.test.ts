// The Telegram component inside the real app (startApp + the real engine), both intake modes:
// the factory starts only with a token, events reach the engine, replies come back rendered, and a
// redelivered update (same update_id) is answered once thanks to the engine's de-duplication.
import { afterEach, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { telegramAdapterFor, telegramFactory } from "../../../adapters/telegram/index.js";
import { FakeTelegramBotApi } from "../../fakes/telegram-bot-api.js";
import { createTestDatabaseUrl, testProviders } from "../../helpers/db.js";
import { privateText, tap, until } from "./harness.js";

const USER = 4242;

describe.each(testProviders())("telegram component on %s", (provider) => {
  let app: RunningApp | undefined;
  let fake: FakeTelegramBotApi | undefined;
  afterEach(async () => {
    await app?.stop();
    await fake?.close();
    app = undefined;
    fake = undefined;
  });

  async function boot(env: Record<string, string>) {
    const { url } = await createTestDatabaseUrl(provider);
    app = await startApp(testConfig({ DATABASE_URL: url, PORT: "0", ...env }), silentLogger, [telegramFactory]);
    return app;
  }

  it("given no token then no Telegram component", async () => {
    const a = await boot({});
    expect(telegramAdapterFor(a)).toBeUndefined();
  });

  it("given polling mode then /help and a language button tap walk through the real engine", async () => {
    fake = await new FakeTelegramBotApi().listen();
    const f = fake;
    await boot({ TELEGRAM_BOT_TOKEN: f.token, TELEGRAM_API_ROOT: f.apiRoot });
    expect(f.callsTo("getMe")).toHaveLength(1);
    f.pushUpdate(privateText(USER, "/help", "es"));
    const [help] = await until(() => (f.messagesTo(USER).length ? f.messagesTo(USER) : undefined), "help reply");
    expect(help!.params.text).toMatch(/^<b>[^<]+<\/b>\n/);
    expect(help!.params.text).toContain("<code>/start ABC123</code>");

    f.pushUpdate(privateText(USER, "/language", "es"));
    const ask = await until(() => f.messagesTo(USER)[1], "language question");
    const keyboard = (ask.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    const italian = keyboard.flat().find((b) => b.callback_data === "lang.set:it");
    expect(italian).toBeDefined();
    f.pushUpdate(tap(USER, USER, italian!.callback_data, "lang-tap"));
    await until(() => f.messagesTo(USER)[2], "language set");
    expect(f.callsTo("answerCallbackQuery").map((c) => c.params.callback_query_id)).toEqual(["lang-tap"]);
  });

  it("given webhook mode then the route is on the app's server and a redelivered update is answered once", async () => {
    fake = await new FakeTelegramBotApi().listen();
    const f = fake;
    const a = await boot({
      TELEGRAM_BOT_TOKEN: f.token,
      TELEGRAM_API_ROOT: f.apiRoot,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_URL: "https://advo.example.com/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: "hook_secret",
    });
    expect(f.webhook).toEqual({ url: "https://advo.example.com/telegram/webhook", secret_token: "hook_secret" });
    const url = `http://127.0.0.1:${a.port}/telegram/webhook`;
    const update = { update_id: 99001, ...privateText(USER, "/help", "fr") };
    expect(await f.deliverWebhook(url, update, "hook_secret")).toBe(200);
    expect(await f.deliverWebhook(url, update, "hook_secret")).toBe(200);
    expect(await f.deliverWebhook(url, { update_id: 99002, ...privateText(USER, "/help") }, "nope")).toBe(401);
    expect(f.messagesTo(USER)).toHaveLength(1);
  });
});
