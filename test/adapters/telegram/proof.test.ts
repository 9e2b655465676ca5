// A Story's screenshot as proof (issue 13), end to end on Telegram: the real app and grammY against
// the fake Bot API. The photo comes without a caption, the bot asks for the reach in Italian, the
// answer puts the post in review marked self-reported; a signed-in manager opens the file through
// the dashboard, which streams it from the fake's getFile + file download; nobody else can.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { t } from "../../../src/i18n/translate.js";
import { createSignInLink } from "../../../src/web/sessions.js";
import { telegramAdapterFor, telegramFactory } from "../../../adapters/telegram/index.js";
import { FakeTelegramBotApi } from "../../fakes/telegram-bot-api.js";
import { createTestDatabaseUrl, testProviders } from "../../helpers/db.js";
import { seedMission } from "../../engine/seed.js";
import { until } from "./harness.js";

const USER = 7055500011;
const MANAGER = "slack:UMANAGER";
// a small but real JPEG header, then filler: the bytes must arrive unchanged
const SCREENSHOT = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(70_000, 7)]);

describe.each(testProviders())("telegram proof screenshot on %s", (provider) => {
  let app: RunningApp;
  let fake: FakeTelegramBotApi;
  let base: string;
  let updateId = 3000;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    fake = await new FakeTelegramBotApi().listen();
    const db = await createTestDatabaseUrl(provider);
    drop = db.drop;
    app = await startApp(testConfig({ DATABASE_URL: db.url, PORT: "0", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: "polling", MANAGERS: MANAGER, SLACK_MANAGER_CHANNEL: "C0REVIEW" }), silentLogger, [telegramFactory]);
    base = `http://127.0.0.1:${app.port}`;
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await drop?.();
  });

  const from = { id: USER, is_bot: false, first_name: "Tea", language_code: "it" };
  const chat = { id: USER, type: "private" };
  async function send(message: Record<string, unknown>) {
    const before = fake.messagesTo(USER).length;
    fake.pushUpdate({ update_id: ++updateId, message: { message_id: updateId, from, chat, date: 1772445600, ...message } });
    await until(() => fake.pendingUpdates === 0, "update fetched");
    await telegramAdapterFor(app)!.idle();
    return fake.messagesTo(USER).slice(before).map((c) => String(c.params.text)).join("\n");
  }

  async function signIn(): Promise<string> {
    const link = (await createSignInLink(app.deps, MANAGER))!;
    const res = await fetch(`${base}/dashboard/signin`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token: link.split("/").pop()! }) });
    expect(res.status).toBe(303);
    return res.headers.get("set-cookie")!.split(";")[0]!;
  }

  it("given a photo then the reach asked in Italian, the post in review self-reported, and the file opened only by a signed-in manager", async () => {
    const db = app.database.db;
    const inf = await db.influencer.create({
      data: {
        status: "active", displayName: "Tea", locale: "it", consentAt: new Date(), activatedAt: new Date(),
        accounts: { create: { platform: "telegram", externalId: String(USER), chatId: String(USER) } }, handles: { create: [{ network: "instagram", handle: "tea.posts" }] },
      },
    });
    const m = await seedMission(app.deps, { title: "Storie estive" });
    fake.pushUpdate({ update_id: ++updateId, callback_query: { id: `q${updateId}`, from, message: { message_id: 1, chat, date: 1772445600 }, chat_instance: "1", data: `mission.accept:${m.id}` } });
    await until(() => fake.pendingUpdates === 0, "accept fetched");
    await telegramAdapterFor(app)!.idle();

    fake.addFile("AgACAgQ-story", SCREENSHOT, "photos/file_42.jpg");
    let said = await send({ photo: [{ file_id: "AgACAgQ-thumb", file_unique_id: "t", file_size: 900, width: 90, height: 160 }, { file_id: "AgACAgQ-story", file_unique_id: "s", file_size: SCREENSHOT.length, width: 1080, height: 1920 }] });
    expect(said).toContain("Storie estive");
    expect(said).toContain("Quante visualizzazioni");
    said = await send({ text: "tante" });
    expect(said).toContain(t("it", "measure.proof.figures_invalid"));
    said = await send({ text: "12.400 visualizzazioni, 310 mi piace" });
    expect(said).toContain("12.400");
    const s = await db.submission.findFirstOrThrow({ where: { influencerId: inf.id }, include: { proofs: true, metrics: true } });
    expect(s.status).toBe("needs_review");
    expect(s.proofs).toMatchObject([{ platform: "telegram", fileRef: "AgACAgQ-story", kind: "photo" }]);
    expect(s.metrics).toMatchObject([{ views: 12_400, likes: 310, source: "self_reported" }]);
    const proofPath = `/dashboard/proofs/${s.proofs[0]!.id}`;

    // Not signed in: refused, and nothing fetched from Telegram.
    const anonymous = await fetch(`${base}${proofPath}`, { redirect: "manual" });
    expect(anonymous.status).toBe(401);
    expect(fake.downloads).toEqual([]);

    const cookie = await signIn();
    const file = await fetch(`${base}${proofPath}`, { headers: { cookie }, redirect: "manual" });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await file.arrayBuffer()).equals(SCREENSHOT)).toBe(true);
    expect(fake.callsTo("getFile").at(-1)?.params.file_id).toBe("AgACAgQ-story");
    expect(fake.downloads).toEqual(["photos/file_42.jpg"]);

    // The review queue and the mission page link the file; the mission page shows the figures marked self-reported.
    const review = await (await fetch(`${base}/dashboard/review`, { headers: { cookie } })).text();
    expect(review).toContain(`href="${proofPath}"`);
    const missionPage = await (await fetch(`${base}/dashboard/missions/${m.id}`, { headers: { cookie } })).text();
    expect(missionPage).toContain(`href="${proofPath}"`);
    expect(missionPage).toContain("12,400");
    expect(missionPage).toContain(`<em>${t("en", "measurement.engagement.source.self_reported")}</em>`);

    // A file Telegram no longer has: a clear 502, no bytes.
    await db.submissionProof.update({ where: { id: s.proofs[0]!.id }, data: { fileRef: "AgAC-gone" } });
    expect((await fetch(`${base}${proofPath}`, { headers: { cookie } })).status).toBe(502);
    expect((await fetch(`${base}/dashboard/proofs/999999`, { headers: { cookie } })).status).toBe(404);
  }, 120_000);
});
