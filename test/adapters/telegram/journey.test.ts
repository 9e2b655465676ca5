// The influencer journey through Telegram updates, end to end: the real app (startApp + engine +
// database) with the Telegram component on the real grammY Bot, against the fake Bot API — in
// long-polling and in webhook mode. Deep-link join → onboarding by button taps → /missions →
// accept → submit a link → (approval by service call) → /points. Buttons are found in what the bot
// really sent, and tapped by their callback_data, as a user would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { awardForSubmission } from "../../../src/services/points.js";
import { telegramAdapterFor, telegramFactory } from "../../../adapters/telegram/index.js";
import { FakeTelegramBotApi, type RecordedCall, type StoredMessage } from "../../fakes/telegram-bot-api.js";
import { createTestDatabaseUrl, testProviders } from "../../helpers/db.js";
import { seedInvitation, seedMission } from "../../engine/seed.js";
import { until } from "./harness.js";

const USER = 7012345678;
const EVIL_NAME = '<a href="https://evil.example">Ana</a>';
const EVIL_TITLE = '<b>Spring</b> <a href="https://evil.example">drop</a> & more';
type Keyboard = { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] };

describe.each(testProviders().flatMap((p) => (["polling", "webhook"] as const).map((m) => [p, m] as const)))("telegram journey on %s (%s)", (provider, mode) => {
  let app: RunningApp;
  let fake: FakeTelegramBotApi;
  let webhookUrl = "";
  let updateId = 500;
  let queryId = 1;

  beforeAll(async () => {
    fake = await new FakeTelegramBotApi().listen();
    const { url } = await createTestDatabaseUrl(provider);
    const env: Record<string, string> = { DATABASE_URL: url, PORT: "0", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: mode };
    if (mode === "webhook") Object.assign(env, { TELEGRAM_WEBHOOK_URL: "https://advo.example.com/telegram/webhook", TELEGRAM_WEBHOOK_SECRET: "journey_secret" });
    app = await startApp(testConfig(env), silentLogger, [telegramFactory]);
    webhookUrl = `http://127.0.0.1:${app.port}/telegram/webhook`;
    await seedInvitation(app.deps, "SPRING24");
    await seedMission(app.deps, { title: EVIL_TITLE, networks: ["instagram"] });
  });
  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  /** Delivers one update and waits until it is fully handled; returns what the bot sent back. */
  async function send(update: Record<string, unknown>): Promise<RecordedCall[]> {
    const before = fake.messagesTo(USER).length;
    const withId = { update_id: ++updateId, ...update };
    if (mode === "webhook") expect(await fake.deliverWebhook(webhookUrl, withId, "journey_secret")).toBe(200);
    else {
      fake.pushUpdate(withId);
      await until(() => fake.pendingUpdates === 0, "update fetched");
      await telegramAdapterFor(app)!.idle();
    }
    return fake.messagesTo(USER).slice(before);
  }

  const from = { id: USER, is_bot: false, first_name: EVIL_NAME, username: "ana_test", language_code: "es" };
  const text = (t: string) => send({ message: { message_id: updateId, from, chat: { id: USER, type: "private" }, date: 1764297000, text: t } });
  /** Taps a button on the message that shows it (the fake keeps what the bot sent and edited). */
  const tapButton = ({ data, message }: { data: string; message: StoredMessage }) =>
    send({ callback_query: { id: `q${queryId++}`, from, message: fake.asCallbackMessage(message), chat_instance: "1", data } });

  /** The newest live button whose data (without its step version) starts with `prefix`, and its message. */
  function button(_sent: RecordedCall[], prefix: string): { data: string; message: StoredMessage } {
    for (const message of fake.liveKeyboards(USER).reverse()) {
      const found = (message.keyboard as Keyboard["inline_keyboard"]).flat().find((b) => b.callback_data?.replace(/!\d+:/, ":").startsWith(prefix));
      if (found?.callback_data) return { data: found.callback_data, message };
    }
    throw new Error(`no live button ${prefix} in ${JSON.stringify(fake.liveKeyboards(USER).map((m) => m.keyboard))}`);
  }

  it("given a deep link, button taps and a link then the influencer joins, submits and sees the points", async () => {
    // Deep-link join: t.me/<bot>?start=SPRING24 arrives as "/start SPRING24".
    let sent = await text("/start SPRING24");
    expect(sent.length).toBeGreaterThanOrEqual(1);
    const consent = button(sent, "onb.consent:yes");
    sent = await tapButton(consent);
    // The consent step is over: its message keeps its text and loses its buttons.
    expect(fake.message(USER, consent.message.messageId)).toMatchObject({ keyboard: [], edits: [{ method: "editMessageReplyMarkup" }] });
    // A second tap on that old button (a double tap, another device) changes nothing.
    const stepBefore = await app.deps.db.conversation.findFirstOrThrow({ where: { key: `telegram:${USER}` } });
    sent = await tapButton(consent);
    expect(sent.map((c) => String(c.params.text))).toEqual(["Esto ya ha avanzado: usa el último mensaje."]);
    expect(await app.deps.db.conversation.findFirstOrThrow({ where: { key: `telegram:${USER}` } })).toMatchObject({ step: stepBefore.step, version: stepBefore.version });
    sent = await tapButton(button(sent, "onb.tz_skip"));
    sent = await tapButton(button(sent, "onb.net:instagram"));
    sent = await text("@ana_test");
    sent = await tapButton(button(sent, "onb.handles_done"));
    sent = await tapButton(button(sent, "onb.region:es"));
    const interest = button(sent, "onb.interest:fashion");
    sent = await tapButton(interest);
    // A toggle edits its own message in place: no new message.
    expect(sent).toEqual([]);
    const edited = fake.message(USER, interest.message.messageId)!;
    expect(edited.edits.map((e) => e.method)).toEqual(["editMessageText"]);
    expect(JSON.stringify(edited.keyboard)).toContain("✓ ");
    sent = await tapButton(button(sent, "onb.interests_done"));
    sent = await tapButton(button(sent, "onb.confirm"));
    // Every onboarding step is over: no message still shows buttons.
    expect(fake.liveKeyboards(USER)).toEqual([]);
    const influencer = await app.deps.db.influencer.findFirstOrThrow({ include: { accounts: true, handles: true } });
    expect(influencer).toMatchObject({ status: "active", locale: null, platformLocale: "es", region: "es", accounts: [{ platform: "telegram", externalId: String(USER), chatId: String(USER) }] });
    expect(influencer.handles.map((h) => h.handle)).toEqual(["ana_test"]);
    // every tap was answered, so no spinner was left turning; no edit was refused
    expect(fake.callsTo("answerCallbackQuery")).toHaveLength(queryId - 1);
    expect(fake.callsTo("editMessageText").length + fake.callsTo("editMessageReplyMarkup").length).toBe(
      [...fake.messages.values()].reduce((n, m) => n + m.edits.length, 0),
    );

    // Missions: the list, the card (its HTML-laden title rendered inert, no preview), accept.
    sent = await text("/missions");
    sent = await tapButton(button(sent, "mission.view:"));
    const card = sent.at(-1)!.params;
    expect(card.text).toContain("&lt;b&gt;Spring&lt;/b&gt; &lt;a href=\"https://evil.example\"&gt;drop&lt;/a&gt; &amp; more");
    expect(card.text).not.toContain("evil.example\">");
    expect(card.link_preview_options).toEqual({ is_disabled: true });
    const acceptButton = button(sent, "mission.accept:");
    sent = await tapButton(acceptButton);
    // The card becomes the accepted state, with the Submit button: edited in place.
    expect(sent).toEqual([]);
    expect(fake.message(USER, acceptButton.message.messageId)!.edits).toHaveLength(1);
    sent = await tapButton(button(sent, "submit.start:"));
    sent = await text("https://www.instagram.com/p/C0ffee123/");
    const submission = await app.deps.db.submission.findFirstOrThrow();
    expect(submission).toMatchObject({ status: "pending", influencerId: influencer.id });

    // Approved (service call, as a manager's review would), then /points shows them.
    await awardForSubmission(app.deps, submission.id);
    sent = await text("/points");
    expect(sent.map((c) => String(c.params.text)).join("\n")).toMatch(/\b100\b/);

    // The display name is user-supplied too: /mydata shows it, inert.
    sent = await text("/mydata");
    const dump = sent.map((c) => String(c.params.text)).join("\n");
    expect(dump).toContain("&lt;a href=");
    expect(dump).not.toMatch(/<a href="https:\/\/evil/);
  }, 120_000); // ~20 engine round trips on a shared 2-core machine: generous, never a fixed sleep
});
