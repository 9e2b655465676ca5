// Slack payloads (recorded shapes, see slack-requests.ts) → InboundEvent (pure).
import { describe, expect, it } from "vitest";
import { inboundEventSchema } from "../../../src/engine/events.js";
import { mapBlockAction, mapMessageEvent, mapSlashCommand, mapViewSubmission, memberChange, routeAdvoCommand, textAsCommand } from "../../../adapters/slack/mapper.js";
import { encodeOrigin } from "../../../adapters/slack/modal.js";
import { blockAction, dmEvent, memberEvent, slashCommand, viewSubmission } from "./slack-requests.js";

const now = new Date("2026-03-01T10:00:00Z");

describe("slack mapper", () => {
  it("given a DM to the bot then it is a private text event keyed by the DM channel with the Slack event id", () => {
    const body = dmEvent("  hello there ", { eventId: "Ev123" });
    const m = mapMessageEvent(body, "UBOT", now)!;
    expect(inboundEventSchema.parse(m.event)).toMatchObject({
      id: "slack:Ev123", platform: "slack", conversation: "slack:DINFLUENCER1", chatType: "private",
      author: { id: "UINFLUENCER1", isBot: false }, payload: { type: "text", text: "hello there" },
    });
    expect(m.reply).toMatchObject({ kind: "message", channel: "DINFLUENCER1", direct: true });
  });

  it("given the bot's own message, an edit or a channel message then nothing is mapped", () => {
    const own = dmEvent("x");
    (own.event as Record<string, unknown>).bot_id = "BBOT";
    expect(mapMessageEvent(own, "UBOT", now)).toBeUndefined();
    const edit = dmEvent("x");
    (edit.event as Record<string, unknown>).subtype = "message_changed";
    expect(mapMessageEvent(edit, "UBOT", now)).toBeUndefined();
    const channel = dmEvent("x", { channel: "CGENERAL" });
    (channel.event as Record<string, unknown>).channel_type = "channel";
    expect(mapMessageEvent(channel, "UBOT", now)).toBeUndefined();
  });

  it("given a threaded DM then the conversation key carries the thread", () => {
    const body = dmEvent("x");
    (body.event as Record<string, unknown>).thread_ts = "1699.1";
    expect(mapMessageEvent(body, "UBOT", now)!.event.conversation).toBe("slack:DINFLUENCER1:1699.1");
  });

  it("given /advo with a sub-command then it is the command advo with the sub-command as first argument", () => {
    const body = slashCommand("mission   new  spring", { channel: "CMANAGERS" });
    const m = mapSlashCommand(body, now)!;
    expect(inboundEventSchema.parse(m.event).payload).toEqual({ type: "command", name: "advo", args: ["mission", "new", "spring"], argText: "mission   new  spring" });
    expect(m.event).toMatchObject({ id: `slack:cmd:${body.trigger_id}`, conversation: "slack:CMANAGERS", chatType: "group", author: { id: "UMANAGER1", username: "maria" } });
    expect(m.reply).toMatchObject({ kind: "command", triggerId: body.trigger_id, responseUrl: body.response_url, direct: false });
    expect(mapSlashCommand(slashCommand(""), now)!.event.payload).toEqual({ type: "command", name: "advo", args: [], argText: "" });
  });

  it("given a button press on a channel card then it is an action with the engine's id and payload, remembering the card ts", () => {
    const m = mapBlockAction(blockAction("review.approve~3", "42", { messageTs: "1700.5" }), now)!;
    expect(inboundEventSchema.parse(m.event).payload).toEqual({ type: "action", id: "review.approve", payload: "42", messageId: "1700.5" });
    expect(m.reply).toMatchObject({ kind: "action", channel: "CMANAGERS", messageTs: "1700.5", direct: false });
    expect(m.event.chatType).toBe("group");
    expect(mapBlockAction(blockAction("_url~0", undefined), now)).toBeUndefined();
  });

  it("given a modal submission then it is a form event with the values and the state, in the conversation the form came from", () => {
    const metadata = encodeOrigin({ state: "s1", channel: "CMANAGERS", messageTs: "1700.5" });
    const body = viewSubmission("review.reject", { reason: "No #ad" }, { privateMetadata: metadata });
    const m = mapViewSubmission(body, now)!;
    expect(inboundEventSchema.parse(m.event)).toMatchObject({
      conversation: "slack:CMANAGERS", chatType: "group", payload: { type: "form", formId: "review.reject", values: { reason: "No #ad", _state: "s1" } },
    });
    expect(m.reply).toMatchObject({ kind: "view", channel: "CMANAGERS", messageTs: "1700.5" });
    expect(mapViewSubmission({ type: "view_submission" }, now)).toBeUndefined();
  });

  it("given member events then the change and channel are read", () => {
    expect(memberChange(memberEvent("member_left_channel", "U9", "CMANAGERS"))).toEqual({ type: "left", user: "U9", channel: "CMANAGERS" });
    expect(memberChange(dmEvent("x"))).toBeUndefined();
  });

  it("given /advo then a manager gets the console; anyone else runs the engine command named first, bare /advo is help, unknown stays advo", () => {
    const known = (n: string) => ["start", "help", "missions", "points", "advo"].includes(n);
    const cmd = (text: string) => mapSlashCommand(slashCommand(text), now)!.event.payload as Extract<ReturnType<typeof textAsCommand>, object>;
    expect(routeAdvoCommand(cmd("points adjust 3 50"), true, known)).toEqual({ type: "command", name: "advo", args: ["points", "adjust", "3", "50"], argText: "points adjust 3 50" });
    expect(routeAdvoCommand(cmd("start  ABC123"), false, known)).toEqual({ type: "command", name: "start", args: ["ABC123"], argText: "ABC123" });
    expect(routeAdvoCommand(cmd("join ABC123"), false, known)).toEqual({ type: "command", name: "start", args: ["ABC123"], argText: "ABC123" });
    expect(routeAdvoCommand(cmd(""), false, known)).toEqual({ type: "command", name: "help", args: [], argText: "" });
    expect(routeAdvoCommand(cmd("mission new"), false, known)).toMatchObject({ name: "advo", args: ["mission", "new"] });
    expect(routeAdvoCommand(cmd("advo stats"), false, known)).toMatchObject({ name: "advo" });
  });

  it("given DM text whose first word is an engine command then it is that command; links and other text stay text", () => {
    const known = (n: string) => ["start", "missions"].includes(n);
    expect(textAsCommand("start ABC123", known)).toEqual({ type: "command", name: "start", args: ["ABC123"], argText: "ABC123" });
    expect(textAsCommand(" /Missions ", known)).toEqual({ type: "command", name: "missions", args: [], argText: "" });
    expect(textAsCommand("join XYZ", known)).toMatchObject({ name: "start", args: ["XYZ"] });
    expect(textAsCommand("https://www.instagram.com/p/abc/", known)).toBeUndefined();
    expect(textAsCommand("Madrid", known)).toBeUndefined();
  });
});
