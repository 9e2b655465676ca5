// Mapping recorded Discord gateway payloads (the JSON the fake gateway also sends) to InboundEvents.
import { describe, expect, it } from "vitest";
import { inboundEventSchema } from "../../../src/engine/events.js";
import { FORM_STATE_FIELD, mapDirectMessage, mapInteraction } from "../../../adapters/discord/mapper.js";
import { buttonPress, directMessage, modalSubmit, slashCommand } from "../../fakes/discord.js";

const APP = "4242";
const at = new Date("2026-01-05T09:00:00Z");
const ana = { id: "300000000000000001", username: "ana", globalName: "Ana", locale: "es-ES" };
const dm = { channelId: "500000000000000001" };
const guild = { channelId: "600000000000000001", guildId: "700000000000000001" };

describe("discord mapper", () => {
  it("given /join code in a DM then it is the engine's start command with the code, private, with the locale hint", () => {
    const event = mapInteraction(slashCommand(APP, "800000000000000001", ana, dm, "join", [{ name: "code", value: " WELCOME24 " }]), at)!;
    expect(inboundEventSchema.parse(event)).toBeTruthy();
    expect(event).toMatchObject({
      id: "discord:800000000000000001",
      platform: "discord",
      conversation: "discord:500000000000000001",
      chatType: "private",
      author: { id: ana.id, name: "Ana", username: "ana", locale: "es-ES", isBot: false },
      payload: { type: "command", name: "start", args: ["WELCOME24"], argText: "WELCOME24" },
      receivedAt: at,
    });
  });

  it("given a command in a guild channel then the author comes from the member and the chat is a group", () => {
    const event = mapInteraction(slashCommand(APP, "800000000000000002", ana, guild, "points"), at)!;
    expect(event.chatType).toBe("group");
    expect(event.conversation).toBe("discord:600000000000000001");
    expect(event.author.id).toBe(ana.id);
    expect(event.payload).toEqual({ type: "command", name: "points", args: [], argText: "" });
  });

  it("given a button press then it is an action with the payload after the first colon", () => {
    const event = mapInteraction(buttonPress(APP, "800000000000000003", ana, dm, "mission.accept:12"), at)!;
    expect(event.payload).toEqual({ type: "action", id: "mission.accept", payload: "12", messageId: "1200000000000000001" });
    expect(mapInteraction(buttonPress(APP, "800000000000000004", ana, dm, "advo:form:xyz"), at)).toBeUndefined();
  });

  it("given a modal submission with a text input and a select then the values are keyed by field id with the state", () => {
    const raw = modalSubmit(APP, "800000000000000005", ana, dm, "form:submit:m12", [
      { id: "url", value: "https://www.tiktok.com/@ana/video/1" },
      { id: "network", values: ["tiktok"] },
    ]);
    expect(mapInteraction(raw, at)!.payload).toEqual({
      type: "form",
      formId: "submit",
      values: { url: "https://www.tiktok.com/@ana/video/1", network: "tiktok", [FORM_STATE_FIELD]: "m12" },
    });
  });

  it("given a legacy action-row modal then the values are read too", () => {
    const raw = { ...modalSubmit(APP, "800000000000000006", ana, dm, "form:handles", []), data: { custom_id: "form:handles", components: [{ type: 1, components: [{ type: 4, custom_id: "instagram", value: "@ana" }] }] } };
    expect(mapInteraction(raw, at)!.payload).toEqual({ type: "form", formId: "handles", values: { instagram: "@ana" } });
  });

  it("given payloads the engine does not handle then nothing is mapped", () => {
    expect(mapInteraction({ id: "1", type: 1, token: "t" }, at)).toBeUndefined(); // ping
    expect(mapInteraction({ ...slashCommand(APP, "9", ana, dm, "join"), type: 4 }, at)).toBeUndefined(); // autocomplete
    expect(mapInteraction({ nonsense: true }, at)).toBeUndefined();
  });

  it("given a DM text then it is a private text event; a typed /join is a command", () => {
    const text = mapDirectMessage(directMessage("810000000000000001", ana, dm.channelId, "hello **there**"), at, "999")!;
    expect(text).toMatchObject({ id: "discord:810000000000000001", conversation: "discord:500000000000000001", chatType: "private", payload: { type: "text", text: "hello **there**" } });
    expect(text.author.locale).toBeUndefined();
    const typed = mapDirectMessage(directMessage("810000000000000002", ana, dm.channelId, "/join  ABC"), at, "999")!;
    expect(typed.payload).toEqual({ type: "command", name: "start", args: ["ABC"], argText: "ABC" });
  });

  it("given guild messages, bot messages, the bot's own messages and empty ones then nothing is mapped", () => {
    expect(mapDirectMessage({ ...directMessage("1", ana, "5", "hi"), guild_id: "7" }, at, "999")).toBeUndefined();
    expect(mapDirectMessage(directMessage("2", ana, "5", "hi", true), at, "999")).toBeUndefined();
    expect(mapDirectMessage(directMessage("3", { id: "999" }, "5", "hi"), at, "999")).toBeUndefined();
    expect(mapDirectMessage(directMessage("4", ana, "5", "   "), at, "999")).toBeUndefined();
  });
});
