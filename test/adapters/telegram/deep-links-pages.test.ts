// Mission deep links (t.me/<bot>?start=m_<id>) and paginated lists (/missions, /rewards), through
// the real app and the real grammY Bot against the fake Bot API (long polling, SQLite).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../../src/app.js";
import { testConfig } from "../../../src/config.js";
import { silentLogger } from "../../../src/logger.js";
import { telegramAdapterFor, telegramFactory } from "../../../adapters/telegram/index.js";
import { FakeTelegramBotApi, type StoredMessage } from "../../fakes/telegram-bot-api.js";
import { createTestDatabaseUrl } from "../../helpers/db.js";
import { seedMission, seedReward } from "../../engine/seed.js";
import { groupText, privateText, tapOn, until } from "./harness.js";
import { seedDatedHistory } from "../dated-history.js";
import { formatDate, formatDeadline } from "../../../src/i18n/dates.js";

const MEMBER = 7100000001;
const STRANGER = 7100000002;
const MANAGER = 7100000003;
const GROUP = -1009988776655;
type Key = { text: string; callback_data?: string; url?: string };

describe("telegram mission deep links and list pages", () => {
  let app: RunningApp;
  let fake: FakeTelegramBotApi;
  const missionIds: number[] = [];

  beforeAll(async () => {
    fake = await new FakeTelegramBotApi().listen();
    const { url } = await createTestDatabaseUrl("sqlite");
    app = await startApp(testConfig({ DATABASE_URL: url, PORT: "0", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_MODE: "polling", MANAGERS: `telegram:${MANAGER}` }), silentLogger, [telegramFactory]);
    const now = app.deps.clock.now();
    await app.deps.db.influencer.create({
      data: {
        status: "active", displayName: "Ana", region: "es", interests: ["fashion"], consentAt: now, activatedAt: now, locale: "en",
        accounts: { create: { platform: "telegram", externalId: String(MEMBER), chatId: String(MEMBER) } },
        handles: { create: [{ network: "instagram", handle: "ana_dl" }] },
      },
    });
    for (let i = 1; i <= 6; i++) missionIds.push((await seedMission(app.deps, { title: `Mission ${i}`, deadline: new Date(now.getTime() + i * 86_400_000 * 3) })).id);
    for (let i = 1; i <= 5; i++) await seedReward(app.deps, { name: `Reward ${i}`, cost: 10 * i });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  async function deliver(update: Record<string, unknown>): Promise<void> {
    fake.pushUpdate(update);
    await until(() => fake.pendingUpdates === 0, "update fetched");
    await telegramAdapterFor(app)!.idle();
  }
  const keys = (m: StoredMessage | undefined) => (m?.keyboard ?? []).flat() as Key[];
  const sentSince = (chat: number, before: number) => fake.messagesTo(chat).slice(before).map((c) => c.params);

  it("given /start m_<id> from a member then the card opens; from anyone else a polite answer without the mission", async () => {
    const id = missionIds[2]!;
    let before = fake.messagesTo(STRANGER).length;
    await deliver(privateText(STRANGER, `/start m_${id}`));
    const toStranger = sentSince(STRANGER, before);
    expect(toStranger.map((p) => p.text)).toEqual([
      "This link opens a mission of the program, for its members. If you have an invitation code, send /start followed by the code; if you are signing up, type /start to continue.",
    ]);
    expect(await app.deps.db.influencer.count()).toBe(1);

    before = fake.messagesTo(MEMBER).length;
    await deliver(privateText(MEMBER, `/start m_${id}`));
    const card = sentSince(MEMBER, before);
    expect(card).toHaveLength(1);
    expect(String(card[0]!.text)).toContain("Mission 3");
    expect(JSON.stringify(card[0]!.reply_markup)).toContain(`mission.accept:${id}`);

    // A mission that does not exist (or is a draft) is said to be gone.
    before = fake.messagesTo(MEMBER).length;
    await deliver(privateText(MEMBER, "/start m_99999"));
    expect(sentSince(MEMBER, before).map((p) => p.text)).toEqual(["This mission does not exist any more."]);
  });

  it("given /missions in a group then each mission is a deep link into the private chat and no personal link is posted there", async () => {
    const before = fake.messagesTo(GROUP).length;
    await deliver(groupText(MEMBER, GROUP, "/missions@advo_test_bot"));
    const sent = sentSince(GROUP, before);
    expect(sent).toHaveLength(1);
    const list = fake.lastMessage(GROUP)!;
    const buttons = keys(list);
    expect(buttons.slice(0, 4)).toEqual(missionIds.slice(0, 4).map((id) => expect.objectContaining({ url: `https://t.me/advo_test_bot?start=m_${id}` })));
    // The page button works in the group: it edits the list there.
    expect(buttons.at(-1)).toEqual({ text: "▶", callback_data: "missions.page:2" });
    await deliver(tapOn(fake, list, MEMBER, "missions.page:2"));
    expect(sentSince(GROUP, before)).toHaveLength(1);
    const edited = fake.message(GROUP, list.messageId)!;
    expect(edited.edits.map((e) => e.method)).toEqual(["editMessageText"]);
    expect(keys(edited).map((k) => k.url ?? k.callback_data)).toEqual([
      `https://t.me/advo_test_bot?start=m_${missionIds[4]}`, `https://t.me/advo_test_bot?start=m_${missionIds[5]}`, "missions.page:1",
    ]);
  });

  it("given more missions than a page then ◀ ▶ edit the list in place, and an old page button still works after the list shrank", async () => {
    const before = fake.messagesTo(MEMBER).length;
    await deliver(privateText(MEMBER, "/missions"));
    expect(sentSince(MEMBER, before)).toHaveLength(1);
    const list = fake.lastMessage(MEMBER)!;
    expect(list.text).toContain("Page 1 of 2");
    expect(keys(list).map((k) => k.callback_data)).toEqual([...missionIds.slice(0, 4).map((id) => `mission.view:${id}`), "missions.page:2"]);

    await deliver(tapOn(fake, list, MEMBER, "missions.page:2"));
    expect(sentSince(MEMBER, before)).toHaveLength(1); // edited, nothing posted
    let shown = fake.message(MEMBER, list.messageId)!;
    expect(shown.text).toContain("Page 2 of 2");
    expect(keys(shown).map((k) => k.callback_data)).toEqual([...missionIds.slice(4).map((id) => `mission.view:${id}`), "missions.page:1"]);

    // Three missions close: the list fits on one page. The page-2 button of an older list (stale)
    // still answers, with the last page that exists, in place.
    const stale = { ...shown, keyboard: [[{ text: "▶", callback_data: "missions.page:2" }]] };
    await app.deps.db.mission.updateMany({ where: { id: { in: missionIds.slice(0, 3) } }, data: { status: "closed" } });
    await deliver(tapOn(fake, stale, MEMBER, "missions.page:2"));
    expect(sentSince(MEMBER, before)).toHaveLength(1);
    shown = fake.message(MEMBER, list.messageId)!;
    expect(shown.text).not.toContain("Page");
    expect(keys(shown).map((k) => k.callback_data)).toEqual(missionIds.slice(3).map((id) => `mission.view:${id}`));
    await app.deps.db.mission.updateMany({ where: { id: { in: missionIds.slice(0, 3) } }, data: { status: "published" } });
  });

  it("given more rewards than a page then ▶ shows the next rewards in the same message, without repeating the balance", async () => {
    const before = fake.messagesTo(MEMBER).length;
    await deliver(privateText(MEMBER, "/rewards"));
    const sent = sentSince(MEMBER, before);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    const list = [...fake.liveKeyboards(MEMBER)].reverse().find((m) => keys(m).some((k) => k.callback_data === "rewards.page:2"))!;
    expect(list.text).toContain("Reward 4");
    expect(list.text).not.toContain("Reward 5");
    expect(list.text).toContain("Page 1 of 2");
    await deliver(tapOn(fake, list, MEMBER, "rewards.page:2"));
    expect(sentSince(MEMBER, before)).toHaveLength(sent.length);
    const shown = fake.message(MEMBER, list.messageId)!;
    expect(shown.text).toContain("Reward 5");
    expect(shown.text).not.toContain("Reward 1");
    expect(keys(shown).map((k) => k.callback_data)).toEqual(["rewards.page:1"]);
  });

  it("given a member in Paris who reads French accepts a mission then the deadline in the sentence is in their zone with a relative hint", async () => {
    await app.deps.db.influencer.updateMany({ data: { locale: "fr", timezone: "Europe/Paris" } });
    const id = missionIds[5]!;
    await deliver(privateText(MEMBER, `/start m_${id}`));
    const card = fake.lastMessage(MEMBER)!;
    expect(card.text).toContain("(dans 18 jours)");
    const accept = keys(card).find((k) => k.callback_data?.startsWith("mission.accept"))!;
    await deliver(tapOn(fake, card, MEMBER, accept.callback_data!, "fr"));
    const answer = fake.message(MEMBER, card.messageId)!.text;
    const deadline = (await app.deps.db.mission.findUniqueOrThrow({ where: { id } })).deadline;
    const paris = new Intl.DateTimeFormat("fr", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Paris" }).format(deadline);
    expect(answer).toMatch(/^Vous avez accepté/);
    expect(answer).toContain(`${paris} UTC+1 (dans 18 jours)`);
  });

  it("given her dated history then /points, /rewards and /mydata show each date as its day alone in Paris, without a relative hint; a manager's cards show the submission and reading times with one, the redemption's day without", async () => {
    const ana = await app.deps.db.influencer.findFirstOrThrow({ where: { displayName: "Ana" } });
    const { earnedAt, redeemedAt, submittedAt, seenAt } = await seedDatedHistory(app.deps.db, ana.id, app.deps.clock.now());
    const paris = (d: Date) => formatDate(d, { locale: "fr", timeZone: "Europe/Paris" });
    const textsAfter = async (chat: number, command: string) => {
      const before = fake.messagesTo(chat).length;
      await deliver(privateText(chat, command));
      return sentSince(chat, before).map((p) => String(p.text)).join("\n");
    };

    expect(await textsAfter(MEMBER, "/points")).toMatch(new RegExp(`Dated bonus · ${paris(earnedAt)}$`, "m"));
    expect(await textsAfter(MEMBER, "/rewards")).toMatch(new RegExp(`Dated tote</b> — ${paris(redeemedAt)} · en préparation$`, "m"));
    expect(await textsAfter(MEMBER, "/mydata")).toMatch(new RegExp(`Membre depuis : ${paris(ana.activatedAt!)}$`, "m"));

    // The manager reads English in the program's zone: "submitted …" and the reach's reading time
    // keep how long ago they were, the pending redemption in a list of cards its day alone.
    const program = { locale: "en" as const, timeZone: app.deps.config.JOBS_TZ };
    const review = await textsAfter(MANAGER, "/advo review");
    expect(review).toContain(`submitted ${formatDeadline(submittedAt, program)} (2 days ago)`);
    expect(review).toContain(`1,200 views · 80 likes · 7 comments · YouTube API, ${formatDeadline(seenAt, program)} (yesterday)`);
    expect(await textsAfter(MANAGER, "/advo redemptions")).toMatch(new RegExp(`Dated tote for Ana · 10 points · ${formatDate(redeemedAt, program)}$`, "m"));
  });
});
