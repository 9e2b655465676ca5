// The real grammY Bot against the fake Bot API, in long-polling and in webhook mode.
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bold, message, paragraph, textMessage } from "../../../src/engine/message.js";
import type { InboundEvent, OutboundMessage } from "../../../adapters/adapter.js";
import { TELEGRAM_COMMANDS } from "../../../adapters/telegram/transport.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { eventually, groupText, privateText, startHarness, tap, until, type Harness } from "./harness.js";

const USER = 7012345678;
const GROUP = -1002233445566;

describe.each(["polling", "webhook"] as const)("telegram transport (%s)", (mode) => {
  let database: TestDatabase;
  let h: Harness | undefined;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });
  afterAll(async () => database.destroy());

  const echo = (event: InboundEvent): OutboundMessage[] => [
    message([paragraph("got ", bold(event.payload.type === "command" ? `/${event.payload.name} ${event.payload.argText}` : event.payload.type))], {
      buttons: [[{ action: "mission.accept", label: "Accept", payload: "m1" }]],
    }),
  ];

  it("given start then commands are registered per language (private and group menus) and intake is set up", async () => {
    h = await startHarness(database, echo, { mode });
    const commands = h.fake.callsTo("setMyCommands");
    expect(commands.map((c) => c.params.language_code ?? "default").sort()).toEqual(["default", "default", "en", "en", "es", "es", "fr", "fr", "it", "it"]);
    const esPrivate = commands.find((c) => c.params.language_code === "es" && (c.params.scope as { type: string }).type === "all_private_chats")!;
    expect((esPrivate.params.commands as { command: string }[]).map((c) => c.command)).toEqual(TELEGRAM_COMMANDS);
    expect(esPrivate.params.commands).toContainEqual({ command: "points", description: "Tu saldo e historial de puntos" });
    const group = commands.find((c) => (c.params.scope as { type: string }).type === "all_group_chats")!;
    expect((group.params.commands as { command: string }[]).map((c) => c.command).sort()).toEqual(["leaderboard", "missions"]);
    // The menu button of private chats opens that list.
    expect(h.fake.menuButton).toEqual({ type: "commands" });
    if (mode === "webhook") {
      expect(h.fake.callsTo("setWebhook")[0]!.params).toMatchObject({ url: h.webhookUrl, secret_token: "s3cret_webhook-token", allowed_updates: ["message", "callback_query"] });
      expect(h.fake.callsTo("getUpdates")).toHaveLength(0);
    } else {
      expect(h.fake.callsTo("deleteWebhook")).toHaveLength(1);
      await until(() => h!.fake.callsTo("getUpdates").length > 0, "getUpdates");
    }
  });

  it("given a deep link /start CODE in private then the engine gets the command and the reply is HTML with a keyboard", async () => {
    h = await startHarness(database, echo, { mode });
    expect(await h.deliver(privateText(USER, "/start SPRING-24", "es"))).toBe(200);
    const [sent] = await until(() => (h!.fake.messagesTo(USER).length ? h!.fake.messagesTo(USER) : undefined), "reply");
    expect(h.events[0]).toMatchObject({ conversation: `telegram:${USER}`, chatType: "private", author: { locale: "es" }, payload: { name: "start", args: ["SPRING-24"] } });
    expect(h.events[0]!.id).toMatch(/^telegram:\d+$/);
    expect(sent!.params).toEqual({
      chat_id: String(USER),
      text: "got <b>/start SPRING-24</b>",
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "Accept", callback_data: "mission.accept:m1" }]] },
    });
  });

  it("given a button tap then the callback query is answered and the action reaches the engine", async () => {
    h = await startHarness(database, echo, { mode });
    await h.deliver(tap(USER, USER, "mission.accept:m1", "query-1"));
    await until(() => h!.fake.messagesTo(USER).length, "reply");
    expect(h.fake.callsTo("answerCallbackQuery").map((c) => c.params)).toEqual([{ callback_query_id: "query-1" }]);
    expect(h.events[0]!.payload).toEqual({ type: "action", id: "mission.accept", payload: "m1", messageId: "900" });
  });

  it("given group chats then /leaderboard is answered there, private flows point to the private chat, chatter is ignored", async () => {
    h = await startHarness(database, echo, { mode });
    await h.deliver(groupText(USER, GROUP, "hello all"));
    await h.deliver(groupText(USER, GROUP, "/submit@advo_test_bot https://x.com/a/status/1", "fr"));
    await h.deliver(tap(USER, GROUP, "mission.accept:m1", "group-tap"));
    await h.deliver(groupText(USER, GROUP, "/leaderboard@advo_test_bot"));
    const sent = await until(() => h!.fake.messagesTo(GROUP).length >= 2 && h!.fake.messagesTo(GROUP), "group replies");
    await h.adapter.idle();
    expect(h.events.map((e) => e.payload)).toEqual([{ type: "command", name: "leaderboard", args: [], argText: "" }]);
    expect(sent[0]!.params).toMatchObject({
      text: "Faisons cela en privé : ouvrez https://t.me/advo_test_bot et envoyez-y la commande.",
      reply_markup: { inline_keyboard: [[{ text: "Ouvrir une conversation privée", url: "https://t.me/advo_test_bot" }]] },
    });
    expect(sent[1]!.params.text).toBe("got <b>/leaderboard </b>");
    expect(h.fake.callsTo("answerCallbackQuery")[0]!.params).toEqual({
      callback_query_id: "group-tap",
      text: "This works in a private chat with me: https://t.me/advo_test_bot",
      show_alert: true,
    });
    expect(h.fake.callsTo("sendMessage")).toHaveLength(2);
  });

  it("given /start CODE in a group then the pointer's link carries the code into the private chat", async () => {
    h = await startHarness(database, echo, { mode });
    await h.deliver(groupText(USER, GROUP, "/start SPRING-24"));
    const [sent] = await until(() => (h!.fake.messagesTo(GROUP).length ? h!.fake.messagesTo(GROUP) : undefined), "pointer");
    expect(sent!.params.reply_markup).toEqual({ inline_keyboard: [[{ text: "Open a private chat", url: "https://t.me/advo_test_bot?start=SPRING-24" }]] });
    expect(h.events).toEqual([]);
  });

  it("given a user who blocked the bot after writing then the failed reply marks them unreachable", async () => {
    const blocker = 880011;
    await database.db.influencer.create({ data: { accounts: { create: { platform: "telegram", externalId: String(blocker), chatId: String(blocker) } } } });
    h = await startHarness(database, echo, { mode });
    h.fake.block(blocker);
    await h.deliver(privateText(blocker, "/points"));
    const account = await eventually(
      () => database.db.platformAccount.findFirst({ where: { externalId: String(blocker), unreachableAt: { not: null } } }),
      "marked unreachable",
    );
    expect(account.unreachableReason).toContain("blocked");
  });

  it("given edits, channel posts, other bots and unknown button data then nothing reaches the engine and taps are still answered", async () => {
    h = await startHarness(database, echo, { mode });
    await h.deliver({ edited_message: { message_id: 1, from: { id: USER, is_bot: false, first_name: "A" }, chat: { id: USER, type: "private" }, date: 1, edit_date: 2, text: "/points" } });
    await h.deliver({ channel_post: { message_id: 2, chat: { id: -100, type: "channel", title: "C" }, date: 1, text: "/missions" } });
    await h.deliver({ message: { message_id: 3, from: { id: 99, is_bot: true, first_name: "B" }, chat: { id: GROUP, type: "supergroup", title: "G" }, date: 1, text: "/missions" } });
    await h.deliver(tap(USER, USER, "garbage", "bad-tap"));
    await until(() => h!.fake.callsTo("answerCallbackQuery").length, "tap answered");
    await h.adapter.idle();
    expect(h.events).toEqual([]);
    expect(h.fake.callsTo("sendMessage")).toEqual([]);
  });

  it("given the engine throws then the user gets the generic apology in their language", async () => {
    h = await startHarness(database, () => Promise.reject(new Error("boom")), { mode });
    await h.deliver(privateText(USER, "/points", "it"));
    const [sent] = await until(() => (h!.fake.messagesTo(USER).length ? h!.fake.messagesTo(USER) : undefined), "apology");
    expect(sent!.params.text).toBe("Spiacenti, qualcosa è andato storto da parte nostra. Riprova tra un momento.");
  });

  it("given a reply that fails with 503 past auto-retry then it and the replies after it are queued in the outbox in order, and no token is logged", async () => {
    const lines: string[] = [];
    const log = pino({ level: "debug" }, { write: (l: string) => void lines.push(l) });
    h = await startHarness(database, () => [textMessage("first"), textMessage("second")], { mode, log, autoRetry: { maxRetryAttempts: 0 } });
    h.fake.failNext("sendMessage", { error_code: 503, description: "Service Unavailable" }, 1);
    await h.deliver(privateText(USER, "ping"));
    await eventually(async () => (await database.db.outboxMessage.count({ where: { purpose: "reply.deferred" } })) >= 2, "queued replies");
    await h.adapter.idle();
    const rows = await database.db.outboxMessage.findMany({ where: { purpose: "reply.deferred", recipient: String(USER) }, orderBy: { id: "asc" } });
    expect(rows.map((r) => (r.payload as { message: { blocks: unknown } }).message.blocks)).toEqual([textMessage("first").blocks, textMessage("second").blocks]);
    expect(h.fake.messagesTo(USER).filter((m) => m.params.text === "second")).toHaveLength(0);
    expect(lines.join("\n")).not.toContain(h.fake.token);
  });

  it("given a 429 on a reply then auto-retry waits retry_after and sends it once", async () => {
    h = await startHarness(database, () => [textMessage("pong")], { mode });
    h.fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    await h.deliver(privateText(USER, "ping"));
    const calls = await until(() => h!.fake.messagesTo(USER).length >= 2 && h!.fake.messagesTo(USER), "retried reply", 15_000);
    await h.adapter.idle();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
  });
});

describe("telegram transport ordering (polling)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => database.destroy());

  it("given a slow chat then other chats are served meanwhile and the slow chat's updates stay in order", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = await startHarness(database, async (event) => {
      const text = event.payload.type === "text" ? event.payload.text : "";
      if (text === "slow") await gate;
      return [textMessage(`done ${text}`)];
    });
    try {
      h.fake.pushUpdate(privateText(1001, "slow"));
      h.fake.pushUpdate(privateText(1001, "second"));
      h.fake.pushUpdate(privateText(1002, "other"));
      await until(() => h.fake.messagesTo(1002).length, "other chat answered");
      expect(h.fake.messagesTo(1001)).toHaveLength(0);
      release();
      await until(() => h.fake.messagesTo(1001).length >= 2, "slow chat answered");
      expect(h.fake.messagesTo(1001).map((c) => c.params.text)).toEqual(["done slow", "done second"]);
    } finally {
      release();
      await h.stop();
    }
  });

  it("given an update in progress when the adapter stops then stop waits for it and the reply still goes out", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = await startHarness(database, async () => {
      await gate;
      return [textMessage("finished")];
    });
    h.fake.pushUpdate(privateText(1003, "slow"));
    await until(() => h.events.length, "handler called");
    let stopped = false;
    const stopping = h.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(h.fake.messagesTo(1003).map((c) => c.params.text)).toEqual(["finished"]);
  });
});
