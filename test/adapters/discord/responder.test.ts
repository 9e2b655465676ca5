// The interaction answer without Discord: respondToInteraction against a recording InteractionPort
// (the port transport.ts implements with discord.js). Which callback, which edits, what is left.
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logger.js";
import { textMessage, type OutboundMessage } from "../../../src/engine/message.js";
import { InteractionAnswerError, respondToInteraction, type RespondContext } from "../../../adapters/discord/responder.js";
import { DiscordCallError, type AnswerBody, type InteractionPort } from "../../../adapters/discord/ports.js";

type Call = [string, unknown?];

function port(kind: InteractionPort["kind"], fail: Partial<Record<string, Error>> = {}): InteractionPort & { calls: Call[] } {
  const calls: Call[] = [];
  const state = { deferred: false, replied: false };
  const record = (name: string, arg?: unknown, after?: () => void) => async () => {
    calls.push(arg === undefined ? [name] : [name, arg]);
    if (fail[name]) throw fail[name];
    after?.();
  };
  return {
    kind,
    calls,
    get deferred() {
      return state.deferred;
    },
    get replied() {
      return state.replied;
    },
    reply: (b: AnswerBody) => record("reply", b, () => (state.replied = true))(),
    update: (b: AnswerBody) => record("update", b, () => (state.replied = true))(),
    deferReply: (e: boolean) => record("deferReply", e, () => (state.deferred = true))(),
    deferUpdate: () => record("deferUpdate", undefined, () => (state.deferred = true))(),
    editReply: (b: AnswerBody) => record("editReply", b)(),
    deleteReply: () => record("deleteReply")(),
    followUp: (b: AnswerBody) => record("followUp", b)(),
    showModal: (m: unknown) => record("showModal", m)(),
  };
}

function context(elsewhere: OutboundMessage[][] = []): RespondContext {
  let n = 0;
  return { ephemeral: false, locale: "en", forms: { put: async () => `advo:form:${++n}` }, log: silentLogger, deferAfterMs: 60_000, elsewhere: async (m) => void elsewhere.push(m) };
}

describe("discord interaction answer (through the port)", () => {
  it("given a command answered with two messages then one reply and one follow-up", async () => {
    const p = port("command");
    await respondToInteraction(p, Promise.resolve([textMessage("one"), textMessage("two")]), context());
    expect(p.calls.map(([name]) => name)).toEqual(["reply", "followUp"]);
    expect(p.calls[0]![1]).toMatchObject({ content: "one" });
  });

  it("given a button answered with a replacement then the button's own message is updated, nothing posted", async () => {
    const p = port("component");
    await respondToInteraction(p, Promise.resolve([{ ...textMessage("accepted"), replace: "message" as const }]), context());
    expect(p.calls).toEqual([["update", { content: "accepted", components: [] }]]);
  });

  it("given a command answered with a form then the modal opens and the other replies go elsewhere", async () => {
    const p = port("command");
    const elsewhere: OutboundMessage[][] = [];
    const form = { id: "submit", title: "Send the link", submitLabel: "Send", fields: [{ id: "url", label: "Link", kind: "url" as const, required: true }] };
    await respondToInteraction(p, Promise.resolve([{ blocks: [], form }, textMessage("tip")]), context(elsewhere));
    expect(p.calls.map(([name]) => name)).toEqual(["showModal"]);
    expect(elsewhere).toEqual([[textMessage("tip")]]);
  });

  it("given a modal submission answered with a form then no modal (Discord refuses one) but a button that opens it", async () => {
    const p = port("modal");
    const form = { id: "submit", title: "Try again", submitLabel: "Send", fields: [{ id: "url", label: "Link", kind: "url" as const, required: true }] };
    await respondToInteraction(p, Promise.resolve([{ ...textMessage("Not a link."), form }]), context());
    expect(p.calls.map(([name]) => name)).toEqual(["reply"]);
    expect(JSON.stringify(p.calls[0]![1])).toContain("advo:form:1");
  });

  it("given Discord refusing the follow-up then the error names the step and the replies not yet seen", async () => {
    const refused = new DiscordCallError({ status: "retry", afterSeconds: 30, error: "discord 503", code: "503" }, "with an API error", undefined);
    const p = port("command", { followUp: refused });
    const second = textMessage("two");
    const answered = respondToInteraction(p, Promise.resolve([textMessage("one"), second]), context());
    await expect(answered).rejects.toBeInstanceOf(InteractionAnswerError);
    const err = (await answered.catch((e: unknown) => e)) as InteractionAnswerError;
    expect(err).toMatchObject({ step: "followUp", undelivered: [second] });
    expect(err.cause).toBe(refused);
  });
});
