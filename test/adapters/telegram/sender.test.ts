// send() for the outbox dispatcher: outcomes reported, never waited out inside; blocked users marked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { message, paragraph, textMessage } from "../../../src/engine/message.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { tooManyRequests } from "../../fakes/telegram-bot-api.js";
import { privateText, startHarness, until, type Harness } from "./harness.js";

const USER = 55501;

describe("telegram send (outbox path)", () => {
  let database: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    h = await startHarness(database, () => [textMessage("welcome back")]);
    await database.db.influencer.create({
      data: { status: "active", accounts: { create: { platform: "telegram", externalId: String(USER), chatId: String(USER) } } },
    });
  });
  afterEach(() => {
    h.fake.unblock(USER);
  });
  afterAll(async () => {
    await h.stop();
    await database.destroy();
  });

  const account = () => database.db.platformAccount.findUniqueOrThrow({ where: { platform_externalId: { platform: "telegram", externalId: String(USER) } } });

  it("given a normal send then sent with the message id", async () => {
    const result = await h.adapter.send(String(USER), textMessage("<b>not bold</b>"));
    expect(result).toEqual({ status: "sent", messageId: expect.stringMatching(/^\d+$/) });
    expect(h.fake.messagesTo(USER).at(-1)!.params.text).toBe("&lt;b&gt;not bold&lt;/b&gt;");
  });

  it("given a 429 then retry with Telegram's retry_after and no second request", async () => {
    h.fake.failNext("sendMessage", tooManyRequests(7));
    const before = h.fake.callsTo("sendMessage").length;
    const result = await h.adapter.send(String(USER), textMessage("x"));
    expect(result).toEqual({ status: "retry", afterSeconds: 7, rateLimited: true, code: "429" });
    expect(h.fake.callsTo("sendMessage").length - before).toBe(1);
  });

  it("given a 5xx then retry later; a bad request then failed", async () => {
    h.fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    expect(await h.adapter.send(String(USER), textMessage("x"))).toMatchObject({ status: "retry", afterSeconds: 30 });
    h.fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: can't parse entities" });
    expect(await h.adapter.send(String(USER), textMessage("x"))).toMatchObject({ status: "failed", error: expect.stringContaining("can't parse entities") });
  });

  it("given a user who blocked the bot then unreachable, marked, and reachable again when they write", async () => {
    h.fake.block(USER);
    const result = await h.adapter.send(String(USER), textMessage("news"));
    expect(result).toEqual({ status: "unreachable", reason: "telegram 403: Forbidden: bot was blocked by the user" });
    expect(await account()).toMatchObject({ unreachableAt: expect.any(Date), unreachableReason: expect.stringContaining("blocked") });

    h.fake.unblock(USER);
    h.fake.pushUpdate(privateText(USER, "/start"));
    await until(() => h.fake.messagesTo(USER).some((c) => c.params.text === "welcome back"), "reply after unblock");
    expect(await account()).toMatchObject({ unreachableAt: null, unreachableReason: null });
  });

  it("given a chat that no longer exists then unreachable", async () => {
    h.fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    expect(await h.adapter.send("-100999", textMessage("x"))).toMatchObject({ status: "unreachable" });
  });

  it("given a long message then every part is sent in order and the last id is reported", async () => {
    const before = h.fake.messagesTo(USER).length;
    const long = message([paragraph(Array.from({ length: 600 }, (_, i) => `row ${i} of the statement`).join("\n"))]);
    const result = await h.adapter.send(String(USER), long);
    const parts = h.fake.messagesTo(USER).slice(before);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => String(p.params.text).length <= 4096)).toBe(true);
    expect(String(parts[0]!.params.text)).toMatch(/^row 0 /);
    expect(result).toMatchObject({ status: "sent" });
  });

  it("given a sent message then it can be edited in place; unchanged content is fine; too long is refused", async () => {
    const sent = await h.adapter.send(String(USER), textMessage("Review: pending"));
    const id = sent.status === "sent" ? sent.messageId! : "";
    const edited = await h.adapter.editMessage(String(USER), id, message([paragraph("Review: approved")], { buttons: [[{ action: "x.y", label: "OK" }]] }));
    expect(edited).toEqual({ status: "sent", messageId: id });
    expect(h.fake.callsTo("editMessageText").at(-1)!.params).toEqual({
      chat_id: String(USER),
      message_id: Number(id),
      text: "Review: approved",
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "x.y:" }]] },
    });
    h.fake.failNext("editMessageText", { error_code: 400, description: "Bad Request: message is not modified" });
    expect(await h.adapter.editMessage(String(USER), id, textMessage("Review: approved"))).toEqual({ status: "sent", messageId: id });
    expect(await h.adapter.editMessage(String(USER), id, textMessage("x".repeat(5000)))).toMatchObject({ status: "failed" });
  });
});
