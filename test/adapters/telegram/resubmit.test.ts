// Reject → resubmit → approve → told, two accepted missions and one pasted link, and erasure with a
// pending post, end to end on Telegram: the real app and grammY against the
// fake Bot API, the outbox dispatcher delivering the notices through the Telegram adapter. The
// second link is pasted on its own (no /submit), as people do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { createDispatcher } from "../../../src/delivery/component.js";
import { approveSubmission, rejectSubmission } from "../../../src/services/review.js";
import { telegramAdapterFor, telegramFactory } from "../../../adapters/telegram/index.js";
import { FakeTelegramBotApi, type RecordedCall } from "../../fakes/telegram-bot-api.js";
import { createTestDatabaseUrl, testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { eventually, until } from "./harness.js";
import { t } from "../../../src/i18n/translate.js";

const USER = 7099999999;
const MANAGER = "slack:UMANAGER";
type Keyboard = { inline_keyboard: { text: string; callback_data?: string }[][] };

describe.each(testProviders())("telegram resubmission on %s", (provider) => {
  let app: RunningApp;
  let fake: FakeTelegramBotApi;
  let updateId = 900;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    fake = await new FakeTelegramBotApi().listen();
    const db = await createTestDatabaseUrl(provider);
    drop = db.drop;
    app = await startApp(testConfig({ DATABASE_URL: db.url, PORT: "0", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: "polling", MANAGERS: MANAGER }), silentLogger, [telegramFactory]);
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await drop?.();
  });

  async function send(update: Record<string, unknown>): Promise<RecordedCall[]> {
    const before = fake.messagesTo(USER).length;
    fake.pushUpdate({ update_id: ++updateId, ...update });
    await until(() => fake.pendingUpdates === 0, "update fetched");
    await telegramAdapterFor(app)!.idle();
    return fake.messagesTo(USER).slice(before);
  }
  const from = { id: USER, is_bot: false, first_name: "Tea", language_code: "it" };
  const text = (t: string) => send({ message: { message_id: updateId, from, chat: { id: USER, type: "private" }, date: 1764297000, text: t } });
  const tap = (data: string) => send({ callback_query: { id: `q${updateId}`, from, message: { message_id: 1, chat: { id: USER, type: "private" }, date: 1764297000 }, chat_instance: "1", data } });
  const texts = (calls: RecordedCall[]) => calls.map((c) => String(c.params.text)).join("\n");

  /** Delivers the outbox through the Telegram adapter until `check` sees the notice. */
  async function delivered(check: (all: string) => boolean, what: string): Promise<string> {
    const dispatcher = createDispatcher(app, [telegramAdapterFor(app)!]);
    return eventually(async () => {
      await dispatcher.drain();
      const all = texts(fake.messagesTo(USER));
      return check(all) ? all : undefined;
    }, what, 30_000);
  }

  it("given a rejected post then a pasted new link is taken, approved, and the person is told the points and balance in Italian", async () => {
    const db = app.database.db;
    const inf = await db.influencer.create({
      data: {
        status: "active", displayName: "Tea", locale: "it", consentAt: new Date(), activatedAt: new Date(),
        accounts: { create: { platform: "telegram", externalId: String(USER), chatId: String(USER) } },
        handles: { create: [{ network: "instagram", handle: "tea.posts" }] },
      },
    });
    const m = await seedMission(app.deps, { title: "Estate", networks: ["instagram"], points: 90 });
    let sent = await tap(`mission.accept:${m.id}`);
    expect(texts(sent)).toContain("Estate");
    sent = await text("https://www.instagram.com/p/FirstTry1/");
    const first = await db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
    await db.submission.update({ where: { id: first.id }, data: { status: "needs_review" } });
    expect(await rejectSubmission(app.deps, MANAGER, first.id, "manca #ad")).toMatchObject({ ok: true });
    await delivered((all) => all.includes("manca #ad"), "rejection notice");

    sent = await text("https://www.instagram.com/p/SecondTry2/");
    const second = await db.submission.findFirstOrThrow({ where: { influencerId: inf.id, id: { not: first.id } } });
    expect(second).toMatchObject({ attempt: 2, previousReason: "manca #ad", status: "pending" });
    const keyboard = sent.flatMap((c) => ((c.params.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat());
    expect(keyboard).toEqual([]);
    expect(await approveSubmission(app.deps, MANAGER, second.id)).toEqual({ ok: true, value: { id: second.id, awarded: 90 } });
    const all = await delivered((x) => x.includes("+90"), "approval notice");
    expect(all).toContain("Il tuo post per <b>Estate</b> è stato approvato. Punti: +90. Il tuo saldo: 90 punti.");
    expect(await db.ledgerEntry.count({ where: { influencerId: inf.id } })).toBe(1);
  }, 120_000);

  async function member(id: number, name: string, handle: { network: string; handle: string }) {
    return app.database.db.influencer.create({
      data: {
        status: "active", displayName: name, locale: "it", consentAt: new Date(), activatedAt: new Date(),
        accounts: { create: { platform: "telegram", externalId: String(id), chatId: String(id) } },
        handles: { create: [handle] },
      },
    });
  }
  /** Another person in their own private chat: typed text (commands get their entity) and taps. */
  function talker(id: number, firstName: string) {
    const as = { id, is_bot: false, first_name: firstName, language_code: "it" };
    const chat = { id, type: "private" };
    const push = async (update: Record<string, unknown>) => {
      const before = fake.messagesTo(id).length;
      fake.pushUpdate({ update_id: ++updateId, ...update });
      await until(() => fake.pendingUpdates === 0, "update fetched");
      await telegramAdapterFor(app)!.idle();
      return fake.messagesTo(id).slice(before);
    };
    return {
      say: (text: string) => push({ message: { message_id: updateId, from: as, chat, date: 1764297000, text, ...(text.startsWith("/") ? { entities: [{ offset: 0, length: text.split(" ")[0]!.length, type: "bot_command" }] } : {}) } }),
      press: (data: string) => push({ callback_query: { id: `q${updateId}`, from: as, message: { message_id: 1, chat, date: 1764297000 }, chat_instance: "1", data } }),
    };
  }
  const buttons = (calls: RecordedCall[]) => calls.flatMap((c) => ((c.params.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat());

  it("given two accepted missions then one pasted link asks which, keeps the link and submits it to the mission tapped", async () => {
    const db = app.database.db;
    const inf = await member(USER + 1, "Ugo", { network: "tiktok", handle: "ugo" });
    const { say, press } = talker(USER + 1, "Ugo");
    const a = await seedMission(app.deps, { title: "Alfa", networks: ["tiktok"] });
    const b = await seedMission(app.deps, { title: "Beta", networks: ["tiktok"] });
    await press(`mission.accept:${a.id}`);
    await press(`mission.accept:${b.id}`);
    const link = "https://www.tiktok.com/@ugo/video/7640000000000000001";
    const asked = await say(link);
    expect(texts(asked)).toContain(t("it", "journey.submit.pick_mission_for_link"));
    expect(await db.submission.count({ where: { influencerId: inf.id } })).toBe(0);
    const pick = buttons(asked).find((k) => k.text === "Beta")!;
    const done = await press(pick.callback_data!);
    expect(texts(done)).toContain("in attesa di verifica");
    expect(await db.submission.findFirstOrThrow({ where: { influencerId: inf.id } })).toMatchObject({ missionId: b.id, url: link, status: "pending" });
  }, 120_000);

  it("given a pending post then /deleteme and its button withdraw it, and nothing can pay it afterwards", async () => {
    const db = app.database.db;
    const inf = await member(USER + 2, "Eva", { network: "tiktok", handle: "eva" });
    const { say, press } = talker(USER + 2, "Eva");
    const m = await seedMission(app.deps, { title: "Cancella", networks: ["tiktok"] });
    await press(`mission.accept:${m.id}`);
    await say("https://www.tiktok.com/@eva/video/7650000000000000001");
    const s = await db.submission.findFirstOrThrow({ where: { influencerId: inf.id } });
    const confirm = await say("/deleteme");
    const yes = buttons(confirm).find((k) => k.callback_data?.startsWith("privacy.delete"))!;
    expect(texts(await press(yes.callback_data!))).toContain(t("it", "journey.deleteme.done"));
    expect(await db.submission.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: "withdrawn", url: `erased:${s.id}` });
    expect(await approveSubmission(app.deps, MANAGER, s.id)).toMatchObject({ ok: false, error: "manage.review.erased" });
    expect(await db.ledgerEntry.count({ where: { influencerId: inf.id } })).toBe(0);
  }, 120_000);
});
