// In-place answers on Telegram: which edit a reply becomes (pure), and the fake refusing what
// Telegram refuses (an edit that changes nothing, an unknown message).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editFor, visibleText } from "../../../adapters/telegram/edits.js";
import { FakeTelegramBotApi } from "../../fakes/telegram-bot-api.js";

const keyboard = [[{ text: "Yes", callback_data: "onb.consent!1:yes" }]];

describe("telegram in-place edits", () => {
  it("given a buttons-only replace then the keyboard is removed, and nothing is sent when it is already gone", () => {
    const clear = { blocks: [], buttons: [], replace: "buttons" as const };
    expect(editFor(clear, { messageId: 5, text: "Rules", keyboard })).toEqual({ method: "editMessageReplyMarkup", options: {} });
    expect(editFor(clear, { messageId: 5, text: "Rules", keyboard: [] })).toEqual({ method: "none" });
  });

  it("given a message replace with the same text and keyboard then no call is made; a change edits text and keyboard", () => {
    const reply = { blocks: [{ type: "paragraph" as const, content: [{ bold: "Pick" }, " <one> & go"] }], buttons: [[{ action: "onb.consent!1", payload: "yes", label: "Yes" }]], replace: "message" as const };
    expect(editFor(reply, { messageId: 5, text: "Pick <one> & go", keyboard })).toEqual({ method: "none" });
    const call = editFor(reply, { messageId: 5, text: "Pick <one> & go", keyboard: [] });
    expect(call).toMatchObject({ method: "editMessageText", text: "<b>Pick</b> &lt;one&gt; &amp; go", options: { parse_mode: "HTML", reply_markup: { inline_keyboard: keyboard } } });
    expect(visibleText("<b>a</b> &lt;b&gt; &amp;")).toBe("a <b> &");
  });

  describe("the fake Bot API", () => {
    let fake: FakeTelegramBotApi;
    beforeAll(async () => {
      fake = await new FakeTelegramBotApi().listen();
    });
    afterAll(() => fake.close());
    const call = async (method: string, params: Record<string, unknown>) =>
      (await (await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) })).json()) as {
        ok: boolean;
        description?: string;
        result?: { message_id: number };
      };

    it("given an edit that changes nothing then it answers 400 'message is not modified' and records no edit", async () => {
      const sent = await call("sendMessage", { chat_id: 42, text: "<b>Hi</b>", parse_mode: "HTML", reply_markup: { inline_keyboard: keyboard } });
      const id = sent.result!.message_id;
      const same = await call("editMessageText", { chat_id: 42, message_id: id, text: "<b>Hi</b>", parse_mode: "HTML", reply_markup: { inline_keyboard: keyboard } });
      expect(same).toMatchObject({ ok: false, description: expect.stringContaining("message is not modified") });
      expect(fake.message(42, id)!.edits).toEqual([]);
      expect((await call("editMessageReplyMarkup", { chat_id: 42, message_id: id })).ok).toBe(true);
      expect(fake.message(42, id)).toMatchObject({ keyboard: [], edits: [{ method: "editMessageReplyMarkup" }] });
      expect(await call("editMessageReplyMarkup", { chat_id: 42, message_id: id })).toMatchObject({ ok: false, description: expect.stringContaining("not modified") });
      expect(await call("editMessageText", { chat_id: 42, message_id: 999_999, text: "x" })).toMatchObject({ ok: false, description: expect.stringContaining("not found") });
    });
  });
});
