// Notices to the managers' Slack channel: new redemptions to fulfil, a closed cycle's summary and
// the daily digest of pending work. Outbox rows (one per event, by dedupe key); nothing is queued
// when no manager channel is configured.
import type { Button } from "../engine/message.js";
import type { ChartSpec } from "../reports/charts-specs.js";
import type { Deps } from "./deps.js";
import { enqueue, type OutboxContent, type OutboxPayload } from "./outbox.js";
import { inMissionThread } from "./mission-threads.js";

interface Notice {
  purpose: string;
  dedupeKey: string;
  messageId: string;
  params: Record<string, string | number>;
  buttons?: Button[][];
  /** drawn as a PNG beside the text at send time, its figures as text too (src/delivery/render.ts) */
  chart?: ChartSpec;
  /** a reply in this mission's thread in the channel (src/services/mission-threads.ts) */
  missionId?: number;
  /** replaces the message this outbox row posted (e.g. a review card) instead of posting */
  replaces?: string;
}

export async function notifyManagers(deps: Pick<Deps, "db" | "config">, notice: Notice): Promise<boolean> {
  const channel = deps.config.SLACK_MANAGER_CHANNEL;
  if (!channel) return false;
  const inserted = await enqueue(deps.db, [
    {
      platform: "slack",
      recipient: channel,
      purpose: notice.purpose,
      batchKey: notice.purpose,
      dedupeKey: notice.dedupeKey,
      payload: noticePayload(notice),
    },
  ]);
  return inserted === 1;
}

function noticePayload(notice: Notice): OutboxPayload {
  const content: OutboxContent = { kind: "i18n", messageId: notice.messageId, params: notice.params, ...(notice.buttons ? { buttons: notice.buttons } : {}), ...(notice.chart ? { chart: notice.chart } : {}) };
  if (notice.replaces) return { kind: "edit", of: notice.replaces, content };
  return notice.missionId === undefined ? content : inMissionThread(notice.missionId, content);
}

export function noticeRedemption(
  deps: Pick<Deps, "db" | "config">,
  r: { id: number; cost: number; influencerId: number; rewardName: string; influencerName: string },
): Promise<boolean> {
  return notifyManagers(deps, {
    purpose: "manager.redemption",
    dedupeKey: `redemption:${r.id}:managers`,
    messageId: "notice.redemption",
    params: { id: r.id, reward: r.rewardName, cost: r.cost, influencer: r.influencerName, influencerId: r.influencerId },
    buttons: [[
      { action: "redemption.fulfil", label: "✔", payload: String(r.id), style: "primary" },
      { action: "redemption.cancel", label: "✖", payload: String(r.id), style: "danger" },
    ]],
  });
}

export function noticeCycleClosed(
  deps: Pick<Deps, "db" | "config">,
  s: { cycleId: number; cycleName: string; nextCycleName: string; participants: number; bonusesPaid: number; expired: number; rolledOver: number },
): Promise<boolean> {
  return notifyManagers(deps, {
    purpose: "manager.cycle_closed",
    dedupeKey: `cycle:${s.cycleId}:closed:managers`,
    messageId: "notice.cycle_closed",
    params: { cycle: s.cycleName, next: s.nextCycleName, participants: s.participants, bonuses: s.bonusesPaid, expired: s.expired, rolledOver: s.rolledOver },
  });
}

/** Pending work, counted with three grouped queries. */
export async function pendingWork(deps: Pick<Deps, "db">, since: Date) {
  const [review, redemptions, failed] = await Promise.all([
    deps.db.submission.count({ where: { status: "needs_review" } }),
    deps.db.redemption.count({ where: { status: "pending" } }),
    deps.db.outboxMessage.count({ where: { status: "failed", createdAt: { gte: since } } }),
  ]);
  return { review, redemptions, failed };
}
