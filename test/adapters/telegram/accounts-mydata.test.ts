// On the real app with the real grammY Bot against the fake Bot API: /accounts adds a network,
// then the mission for that network becomes eligible (issue 12, "prove it"); /mydata answers
// with a summary and the complete export as a JSON document (sendDocument, multipart).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { telegramAdapterFor, telegramFactory } from "../../../adapters/telegram/index.js";
import { FakeTelegramBotApi, type RecordedCall, type UploadedFile } from "../../fakes/telegram-bot-api.js";
import { createTestDatabaseUrl, testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { until } from "./harness.js";

const USER = 7099887766;
type Keyboard = { inline_keyboard: { text: string; callback_data?: string }[][] };

describe.each(testProviders())("telegram /accounts and /mydata on %s", (provider) => {
  let app: RunningApp;
  let fake: FakeTelegramBotApi;
  let updateId = 900;
  let missionId = 0;

  beforeAll(async () => {
    fake = await new FakeTelegramBotApi().listen();
    const { url } = await createTestDatabaseUrl(provider);
    app = await startApp(testConfig({ DATABASE_URL: url, PORT: "0", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: "polling" }), silentLogger, [telegramFactory]);
    await app.deps.db.influencer.create({
      data: {
        status: "active", displayName: "Nora", region: "es", interests: ["fashion"], consentAt: new Date(), activatedAt: new Date(),
        accounts: { create: { platform: "telegram", externalId: String(USER), chatId: String(USER) } },
        handles: { create: [{ network: "instagram", handle: "nora" }] },
      },
    });
    missionId = (await seedMission(app.deps, { title: "YouTube review", networks: ["youtube"] })).id;
  });
  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  async function send(update: Record<string, unknown>): Promise<RecordedCall[]> {
    const before = fake.calls.length;
    fake.pushUpdate({ update_id: ++updateId, ...update });
    await until(() => fake.pendingUpdates === 0, "update fetched");
    await telegramAdapterFor(app)!.idle();
    return fake.calls.slice(before).filter((c) => ["sendMessage", "sendDocument"].includes(c.method));
  }
  const from = { id: USER, is_bot: false, first_name: "Nora", language_code: "en" };
  const text = (t: string) => send({ message: { message_id: updateId, from, chat: { id: USER, type: "private" }, date: 1764297000, text: t, ...(t.startsWith("/") ? { entities: [{ offset: 0, length: t.split(" ")[0]!.length, type: "bot_command" }] } : {}) } });
  const tap = (data: string) => send({ callback_query: { id: `q${updateId}`, from, message: { message_id: 1, chat: { id: USER, type: "private" }, date: 1764297000 }, chat_instance: "1", data } });
  /** the texts and button labels the bot sent */
  const texts = (calls: RecordedCall[]) =>
    calls.map((c) => [String(c.params.text ?? ""), ...((c.params.reply_markup as Keyboard | undefined)?.inline_keyboard.flat().map((b) => b.text) ?? [])].join("\n")).join("\n");
  const button = (calls: RecordedCall[], prefix: string) => {
    const b = calls.flatMap((c) => (c.params.reply_markup as Keyboard | undefined)?.inline_keyboard.flat() ?? []).find((x) => x.callback_data?.startsWith(prefix));
    if (!b?.callback_data) throw new Error(`no button ${prefix} in ${texts(calls)}`);
    return b.callback_data;
  };

  it("given /accounts adds YouTube then the YouTube mission is listed and can be accepted", async () => {
    let sent = await text("/missions");
    expect(texts(sent)).not.toContain("YouTube review");
    sent = await text("/accounts");
    expect(texts(sent)).toContain("Instagram @nora");
    sent = await tap(button(sent, "acc.add:youtube"));
    expect(texts(sent)).toContain("YouTube");
    sent = await text("https://www.youtube.com/@NoraReviews");
    expect(texts(sent)).toContain("YouTube @norareviews");
    sent = await tap(button(sent, "acc.done"));
    sent = await text("/missions");
    expect(texts(sent)).toContain("YouTube review");
    sent = await tap(button(sent, "mission.view"));
    sent = await tap(button(sent, "mission.accept"));
    const part = await app.deps.db.participation.findFirst({ where: { missionId } });
    expect(part?.status).toBe("accepted");
  }, 120_000);

  it("given /mydata then a readable summary and the export as a JSON document", async () => {
    const sent = await text("/mydata");
    expect(texts(sent)).toContain("Social accounts: Instagram @nora, YouTube @norareviews");
    const doc = sent.find((c) => c.method === "sendDocument");
    expect(doc?.params.chat_id).toBe(String(USER));
    const file = doc?.params.document as UploadedFile;
    expect(file.filename).toBe("advo-my-data.json");
    expect(JSON.parse(file.content)).toMatchObject({ profile: { displayName: "Nora" }, handles: [{ network: "instagram" }, { network: "youtube" }] });
  }, 60_000);

  it("given an empty file then the fake refuses it like Telegram and the sender reports a failure", async () => {
    const r = await telegramAdapterFor(app)!.sendFile(String(USER), { filename: "empty.json", mimeType: "application/json", content: "" });
    expect(r).toMatchObject({ status: "failed" });
  });
});
