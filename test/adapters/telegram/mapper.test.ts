import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inboundEventSchema } from "../../../src/engine/events.js";
import { decodeCallbackData, encodeCallbackData, groupRoute, mapUpdate, parseText } from "../../../adapters/telegram/mapper.js";

const updates = JSON.parse(readFileSync(new URL("./fixtures/updates.json", import.meta.url), "utf8")) as Record<string, unknown>;
const now = new Date("2026-01-05T09:00:00Z");
const map = (name: string) => mapUpdate(updates[name], { botUsername: "advo_test_bot", now });
const eventOf = (name: string) => {
  const mapped = map(name);
  if (mapped.kind !== "event") throw new Error(`${name} was ignored: ${mapped.reason}`);
  expect(inboundEventSchema.safeParse(mapped.event).success).toBe(true);
  return mapped;
};

describe("telegram mapper (recorded Update JSON)", () => {
  it("given private text then a text event keyed by update id and chat, with author and locale hint", () => {
    const { event, chatId } = eventOf("private_text");
    expect(chatId).toBe("7012345678");
    expect(event).toMatchObject({
      id: "telegram:815372901",
      platform: "telegram",
      conversation: "telegram:7012345678",
      chatType: "private",
      author: { id: "7012345678", name: "Lucía Gómez", username: "lucia_g", locale: "es", isBot: false },
      payload: { type: "text", text: "https://www.instagram.com/p/C0ffee123/" },
      receivedAt: now,
    });
  });

  it("given a deep link /start CODE then a start command whose argument is the code", () => {
    expect(eventOf("deep_link_start").event.payload).toEqual({ type: "command", name: "start", args: ["SPRING-24"], argText: "SPRING-24" });
    expect(eventOf("deep_link_start").event.author.locale).toBe("es-MX");
  });

  it("given /Command@OurBot with arguments then the name is lower case, the bot name stripped and args split", () => {
    expect(eventOf("command_with_botname_and_args").event.payload).toEqual({
      type: "command",
      name: "submit",
      args: ["https://youtu.be/abc", "extra"],
      argText: "https://youtu.be/abc   extra",
    });
  });

  it("given a command addressed to another bot then it is ignored", () => {
    expect(map("group_command_other_bot")).toMatchObject({ kind: "ignored", reason: "command for another bot" });
  });

  it("given group chats then chatType is group and only /leaderboard and /missions reach the engine", () => {
    const leaderboard = eventOf("group_leaderboard").event;
    expect(leaderboard).toMatchObject({ chatType: "group", conversation: "telegram:-1002233445566", payload: { name: "leaderboard" } });
    expect(groupRoute(leaderboard)).toBe("handle");
    expect(groupRoute(eventOf("group_start").event)).toBe("point-private");
    expect(groupRoute(eventOf("group_chatter").event)).toBe("ignore");
    expect(groupRoute(eventOf("private_text").event)).toBe("handle");
  });

  it("given an inline keyboard tap then an action event with payload and the callback query id to answer", () => {
    const mapped = eventOf("callback_accept");
    expect(mapped.callbackQueryId).toBe("4382019283749283741");
    expect(mapped.event).toMatchObject({ id: "telegram:815372908", conversation: "telegram:7012345678", author: { locale: "it" } });
    expect(mapped.event.payload).toMatchObject({ type: "action", id: "mission.accept", payload: "cm3x9k2a10000" });
    // the tapped message: its id travels with the action, its content with the mapping (for edits)
    expect(mapped.event.payload).toEqual({ type: "action", id: "mission.accept", payload: "cm3x9k2a10000", messageId: String(mapped.source!.messageId) });
  });

  it("given a tap with unknown data then it is ignored but still reported for answering", () => {
    expect(map("callback_bad_data")).toEqual({ kind: "ignored", reason: "unknown button data", callbackQueryId: "4382019283749283742" });
  });

  it("given a private photo (a screenshot as proof) then a text event with its caption and the largest size as a file", () => {
    const { event } = eventOf("photo");
    expect(event.payload).toEqual({ type: "text", text: "" });
    expect(event.attachments).toEqual([{ ref: "AgACAgQAAxkBAAIB", kind: "photo", mimeType: "image/jpeg", sizeBytes: 1200 }]);
  });

  it.each(["edited_message", "channel_post", "from_other_bot"])("given %s then it is ignored politely", (name) => {
    const mapped = map(name);
    expect(mapped.kind).toBe("ignored");
    expect(mapped.callbackQueryId).toBeUndefined();
  });

  it("given garbage then it is ignored, never thrown", () => {
    expect(mapUpdate({ update_id: "x" }, { now }).kind).toBe("ignored");
    expect(mapUpdate(null, { now }).kind).toBe("ignored");
  });

  it("given text that merely starts with a slash-like word then it stays text", () => {
    expect(parseText("/ not a command")).toEqual({ type: "text", text: "/ not a command" });
    expect(parseText("/points")).toEqual({ type: "command", name: "points", args: [], argText: "" });
    // no username known yet: a command with a bot name is still ours
    expect(parseText("/help@whoever")).toMatchObject({ type: "command", name: "help" });
  });

  it("given callback data then encode/decode round-trips and nothing over 64 bytes is produced", () => {
    expect(decodeCallbackData(encodeCallbackData("mission.accept", "abc:def")!)).toEqual({ action: "mission.accept", payload: "abc:def" });
    expect(decodeCallbackData(encodeCallbackData("help")!)).toEqual({ action: "help" });
    expect(encodeCallbackData("a".repeat(32), "é".repeat(20))).toBeUndefined();
    expect(encodeCallbackData("a".repeat(32), "b".repeat(24))).toHaveLength(57);
    expect(encodeCallbackData("bad:action")).toBeUndefined();
  });
});
