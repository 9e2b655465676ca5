// One thread per mission in the managers' Slack channel (issue 15). Publishing posts the mission
// there once; each review card and decision notice about that mission is a reply in its thread;
// a decision replaces the review card in place. All of it goes through the outbox: the parent's
// outbox row (dedupe key `mission:<id>:managers`) is the durable record of where the thread is —
// its recipient is the channel and its platformMessageId Slack's ts — and a reply row names that
// key, resolved at send time (src/delivery/edits.ts), so a reply queued while the parent is still
// on its way waits for it, and a crash between the two loses neither.
import type { Locale } from "../config.js";
import type { Db } from "../db/client.js";
import { message, paragraph, type OutboundMessage } from "../engine/message.js";
import { missionCard, type CardMission } from "../engine/mission-card.js";
import { missionManagerButtons } from "../engine/manage/cards.js";
import type { Tier } from "../domain/tiers.js";
import { t } from "../i18n/translate.js";
import type { Deps } from "./deps.js";
import type { OutboxContent, OutboxItem, OutboxPayload } from "./outbox.js";

export const missionThreadKey = (missionId: number) => `mission:${missionId}:managers`;

/**
 * The parent message: what was published, in the program's language, with the managers' buttons
 * (Edit opens the pre-filled mission modal; Duplicate; Close asks first) instead of the influencers'.
 */
export function missionThreadMessage(mission: CardMission & { id: number; status?: string }, locale: Locale, timeZone: string, tiers?: readonly Tier[]): OutboundMessage {
  // with the program's tiers, "For Silver members" names them (never a bare key)
  const card = missionCard(mission, { locale, timeZone }, { buttons: false, ...(tiers ? { tiers } : {}) });
  const closed = mission.status === "closed";
  const head = t(locale, closed ? "slack.thread.closed" : "slack.thread.published", { id: mission.id });
  return message([paragraph(head), ...card.blocks], { buttons: missionManagerButtons(locale, mission.id, closed ? "closed" : "published") });
}

/**
 * After an edit or a close: the mission's message in the channel is replaced by the mission as it
 * now is (a closed one keeps only Duplicate). `change` names the change in the dedupe key; a
 * mission whose message was never posted gets nothing (the edit is cancelled at send time).
 */
export function missionThreadUpdate(mission: CardMission & { id: number; status: string }, config: Deps["config"], change: string, tiers?: readonly Tier[]): OutboxItem[] {
  const channel = config.SLACK_MANAGER_CHANNEL;
  if (!channel || mission.status === "draft" || mission.status === "scheduled") return [];
  return [{
    platform: "slack",
    recipient: channel,
    purpose: "manager.mission_thread_update",
    dedupeKey: `${missionThreadKey(mission.id)}:${change}`,
    payload: { kind: "edit", of: missionThreadKey(mission.id), content: { kind: "message", message: missionThreadMessage(mission, config.DEFAULT_LOCALE, config.JOBS_TZ, tiers) } },
  }];
}

/** The parent row for the managers' channel; none when no channel is configured. */
export function missionThreadItems(mission: CardMission & { id: number }, config: Deps["config"], tiers?: readonly Tier[]): OutboxItem[] {
  const channel = config.SLACK_MANAGER_CHANNEL;
  if (!channel) return [];
  return [{
    platform: "slack",
    recipient: channel,
    purpose: "manager.mission_thread",
    dedupeKey: missionThreadKey(mission.id),
    payload: { kind: "message", message: missionThreadMessage(mission, config.DEFAULT_LOCALE, config.JOBS_TZ, tiers) },
  }];
}

/** `content` as a reply in the mission's thread (posted in the channel when the mission has none). */
export function inMissionThread(missionId: number, content: OutboxContent): OutboxPayload {
  return { kind: "thread", parent: missionThreadKey(missionId), content };
}

/** Whether a review card was queued for this submission attempt (then a decision edits it). */
export async function hasReviewCard(db: Db, cardKey: string): Promise<boolean> {
  return (await db.outboxMessage.count({ where: { dedupeKey: cardKey } })) > 0;
}
