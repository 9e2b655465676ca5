// Where a guild interaction is answered. Personal flows continue in the user's DM channel: the
// guild gets one short private answer with a link to that DM. Read-only look-ups stay in place
// (ephemeral), and so does a /join that joined nobody (a wrong code), so the answer is where
// it was typed.
import { splitVersion } from "../../src/engine/button-versions.js";
import type { InboundEvent, OutboundMessage } from "../adapter.js";
import { paragraph } from "../../src/engine/message.js";
import { t, type Locale } from "../../src/i18n/translate.js";

/** Engine commands answered in the guild channel (ephemeral): look-ups and settings, no typed steps. */
export const IN_PLACE_COMMANDS = new Set(["help", "points", "leaderboard", "rewards", "mydata", "language", "timezone", "stop", "resume", "cancel"]);

/**
 * Buttons in a guild whose answer is personal and continues in the DM: a mission's card (from an
 * announcement in the channel, or a list). Discord has no deep link with a payload, so the bot
 * DMs the card and answers with a link to that DM.
 */
export const DM_ACTIONS = new Set(["mission.view"]);

export function routesToDm(payload: InboundEvent["payload"]): boolean {
  if (payload.type === "command") return !IN_PLACE_COMMANDS.has(payload.name);
  return payload.type === "action" && DM_ACTIONS.has(splitVersion(payload.id).id);
}

export function isJoin(event: InboundEvent): boolean {
  return event.payload.type === "command" && event.payload.name === "start";
}

/** The DM itself: https://discord.com/channels/@me/<dm channel id> opens it in any client. */
export function dmLink(dmChannel: string): string {
  return `https://discord.com/channels/@me/${dmChannel}`;
}

/** The short private answer in the guild that moves the person to the DM, with a link to it. */
export function dmPointer(dmChannel: string, locale: Locale): OutboundMessage {
  return {
    blocks: [paragraph(t(locale, "discord.continue_in_dm"))],
    buttons: [[{ action: "discord.open_dm", label: t(locale, "discord.open_dm"), url: dmLink(dmChannel) }]],
  };
}

