// The two pure ends of the Discord adapter on recorded, real-shaped payloads (fixtures/): the
// mapper (gateway JSON → InboundEvent) and the renderer (OutboundMessage → Discord payload).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inboundEventSchema } from "../../../src/engine/events.js";
import { bold, link, list, paragraph, time, type OutboundMessage } from "../../../src/engine/message.js";
import type { FormSpec } from "../../../adapters/adapter.js";
import { FORM_STATE_FIELD, interactionFacts, mapDirectMessage, mapInteraction } from "../../../adapters/discord/mapper.js";
import { modalCustomId, renderMessage, renderModal } from "../../../adapters/discord/render.js";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as Record<string, unknown>;
const gateway = fixture("gateway.json");
const rendered = fixture("rendered.json");
const at = new Date("2026-01-05T09:00:00Z");
const BOT = "4242000000000000001";

function interaction(name: string) {
  const event = mapInteraction(gateway[name], at);
  if (!event) throw new Error(`${name} was not mapped`);
  expect(inboundEventSchema.safeParse(event).success).toBe(true);
  return event;
}

describe("discord mapper on recorded gateway payloads", () => {
  it("given /join typed in a guild by a French client then the engine's start command with the trimmed code, a group chat, the member as author and fr as the client locale", () => {
    expect(interaction("slash_join_in_guild_fr")).toMatchObject({
      id: "discord:1320000000000000001",
      conversation: "discord:6000000000000000001",
      chatType: "group",
      author: { id: "3800000000000000001", name: "Lou Martin", username: "lou.martin", locale: "fr", clientLocale: "fr", isBot: false },
      payload: { type: "command", name: "start", args: ["PRINTEMPS-24"], argText: "PRINTEMPS-24" },
      receivedAt: at,
    });
  });

  it("given /submit with its link in a DM then the submit command with the link, private, the user as author", () => {
    expect(interaction("slash_submit_in_dm")).toMatchObject({
      chatType: "private",
      conversation: "discord:5600000000000000001",
      author: { id: "3600000000000000001", name: "Zoé" },
      payload: { type: "command", name: "submit", args: ["https://www.instagram.com/p/Cabc123/"] },
    });
  });

  it("given a versioned button on a card then the action keeps its version, with the payload and the message it was on", () => {
    expect(interaction("button_accept_in_dm").payload).toEqual({ type: "action", id: "mission.accept!3", payload: "12", messageId: "1310000000000000003" });
  });

  it("given a select menu in a guild then the choice is the payload; a user without global_name is named by username", () => {
    const event = interaction("select_language_in_guild");
    expect(event.payload).toEqual({ type: "action", id: "lang.pick", payload: "it", messageId: "1310000000000000004" });
    expect(event.author).toMatchObject({ id: "3200000000000000001", name: "bea_it", locale: "it" });
  });

  it("given a modal submitted with Label components then the values by field id, with the form state", () => {
    expect(interaction("modal_link_label_components").payload).toEqual({ type: "form", formId: "submit", values: { url: "instagram.com/p/Cabc123", [FORM_STATE_FIELD]: "12" } });
  });

  it("given a ping or an autocomplete then nothing for the engine", () => {
    expect(mapInteraction(gateway.ping, at)).toBeUndefined();
    expect(mapInteraction(gateway.autocomplete, at)).toBeUndefined();
  });

  it("given any interaction then its facts: who, where, and a component's custom_id", () => {
    expect(interactionFacts(gateway.select_language_in_guild)).toEqual({ id: "1320000000000000004", userId: "3200000000000000001", channelId: "6000000000000000001", guildId: "7000000000000000001", locale: "it", componentId: "lang.pick" });
    expect(interactionFacts(gateway.slash_submit_in_dm)).toEqual({ id: "1320000000000000002", userId: "3600000000000000001", channelId: "5600000000000000001", locale: "fr" });
    expect(interactionFacts({ id: "1", type: 3, token: "t" })).toBeUndefined(); // no user
  });

  it("given a link typed in a DM then a text event; a typed /aide the help command with French as the hint", () => {
    expect(mapDirectMessage(gateway.dm_text_link, at, BOT)).toMatchObject({
      id: "discord:1310000000000000010",
      conversation: "discord:5600000000000000001",
      chatType: "private",
      payload: { type: "text", text: "https://www.tiktok.com/@zoe/video/7300000000000000001" },
    });
    expect(mapDirectMessage(gateway.dm_typed_aide, at, BOT)).toMatchObject({ author: { locale: "fr" }, payload: { type: "command", name: "help", args: [] } });
  });

  it("given guild chatter or the bot's own message then nothing", () => {
    expect(mapDirectMessage(gateway.guild_chatter, at, BOT)).toBeUndefined();
    expect(mapDirectMessage(gateway.own_bot_message, at, BOT)).toBeUndefined();
  });
});

describe("discord renderer against recorded payloads", () => {
  const deadline = new Date("2026-01-07T13:00:00Z");
  const card: OutboundMessage = {
    blocks: [
      paragraph(bold("Soldes de printemps")),
      paragraph("Montrez la nouvelle collection."),
      list([["Lumière naturelle"], ["#pub visible"]]),
      paragraph(bold("Échéance :"), " ", time("7 janv. 2026, 14:00 UTC+1", deadline, "fr")),
      paragraph("Brief : ", link("le brief", "https://example.com/brief(1)")),
    ],
    buttons: [[{ action: "mission.accept", payload: "12", label: "Accepter", style: "primary" }, { action: "mission.decline", payload: "12", label: "Refuser" }]],
    disablePreview: true,
  };

  it("given a mission card then the message body: markdown escaped, a native timestamp, a safe link, buttons, no embeds", () => {
    expect(renderMessage(card).bodies).toEqual(rendered.mission_card);
  });

  it("given the card as an announcement then one embed titled by the mission with one button", () => {
    expect(renderMessage({ ...card, card: true, buttons: [[{ action: "mission.view", payload: "12", label: "Ouvrir en DM" }]] }).bodies).toEqual(rendered.announcement_embed);
  });

  it("given an ephemeral answer with a link button then flags 64 and a link-style button", () => {
    const message: OutboundMessage = {
      blocks: [paragraph("Code inconnu. Essayez /rejoindre CODE.")],
      ephemeral: true,
      buttons: [[{ action: "discord.open_dm", label: "Ouvrir", url: "https://discord.com/channels/@me/5600000000000000001" }]],
    };
    expect(renderMessage(message, { ephemeral: true }).bodies).toEqual(rendered.ephemeral_with_link);
  });

  it("given the link form after a bad link then the modal: pre-filled, the error above the input, client-side length limits", () => {
    const form: FormSpec = {
      id: "submit", title: "Envoyer le lien", submitLabel: "Envoyer", state: "12",
      fields: [{ id: "url", label: "Lien de votre publication", kind: "url", required: true, minLength: 12, maxLength: 512, placeholder: "https://www.instagram.com/p/…", initial: "instagram.com/p/Cabc123", error: "Ce lien n'est pas valide." }],
    };
    expect(renderModal(form, modalCustomId(form)!)).toEqual(rendered.link_modal_after_error);
  });
});
