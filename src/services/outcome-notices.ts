// "Every outcome is told": notices to one influencer about a change they did not ask for in that
// message (a manager's decision, a job's result), through the outbox, rendered in their language
// at send time, deduplicated by a key naming the change. Paused people still hear about their own
// submissions and points (the pause is for program broadcasts).
import type { ErrParams } from "../result.js";
import { audience } from "./audience.js";
import type { Deps } from "./deps.js";
import { notifyManagers } from "./manager-notices.js";
import { hasReviewCard } from "./mission-threads.js";
import { enqueue } from "./outbox.js";
import { t } from "../i18n/translate.js";

export interface InfluencerNotice {
  influencerId: number;
  purpose: string;
  dedupeKey: string;
  messageId: string;
  /** a mission title or reward name may be a LocalizedText: each recipient reads their language */
  params: ErrParams;
}

/** Queues the notices whose recipients are reachable; returns how many were inserted. */
export async function tellInfluencers(deps: Pick<Deps, "db" | "config">, notices: InfluencerNotice[]): Promise<number> {
  if (!notices.length) return 0;
  const ids = [...new Set(notices.map((n) => n.influencerId))];
  const reachable = new Map((await audience(deps, { influencerIds: ids, statuses: ["active", "paused"], includePaused: true })).map((r) => [r.influencerId, r]));
  const items = notices.flatMap((n) => {
    const r = reachable.get(n.influencerId);
    return r ? [{ platform: r.platform, recipient: r.recipient, influencerId: n.influencerId, purpose: n.purpose, dedupeKey: n.dedupeKey, payload: { kind: "i18n" as const, messageId: n.messageId, params: n.params } }] : [];
  });
  return items.length ? enqueue(deps.db, items) : 0;
}

export const tellInfluencer = (deps: Pick<Deps, "db" | "config">, notice: InfluencerNotice) => tellInfluencers(deps, [notice]);

/**
 * The dedupe-key stem of one attempt of a submission. The first attempt keeps the keys used before
 * resubmissions existed (`submission:<id>`), so nobody is told twice after the upgrade; a reopened
 * row (the same link sent again) gets `submission:<id>:a<attempt>`.
 */
export function submissionNoticeKey(s: { id: number; attempt: number }): string {
  return s.attempt > 1 ? `submission:${s.id}:a${s.attempt}` : `submission:${s.id}`;
}

/**
 * A reviewer's decision, for the other managers: it replaces the submission's review card in place
 * when one was posted (the card's buttons no longer apply), otherwise it is a reply in the
 * mission's thread. A withdrawal is a reply beside the card's own "withdrawn" edit (privacy.ts).
 */
export async function noticeDecision(
  deps: Pick<Deps, "db" | "config">,
  d: { submission: { id: number; attempt: number; missionId?: number }; decision: "approved" | "rejected" | "withdrawn"; title: string; by: string; influencer: string; detail: string; profile?: string },
): Promise<boolean> {
  const card = `${submissionNoticeKey(d.submission)}:review`;
  const replaces = d.decision !== "withdrawn" && deps.config.SLACK_MANAGER_CHANNEL && (await hasReviewCard(deps.db, card)) ? card : undefined;
  return notifyManagers(deps, {
    ...(replaces ? { replaces } : d.submission.missionId !== undefined ? { missionId: d.submission.missionId } : {}),
    purpose: `manager.review_${d.decision}`,
    dedupeKey: `${submissionNoticeKey(d.submission)}:${d.decision}:managers`,
    messageId: `outcome.managers.${d.decision}`,
    params: { id: d.submission.id, title: d.title, by: d.by, influencer: d.influencer, detail: d.detail },
    // the person's dashboard profile, one press away from the decision
    ...(d.profile ? { buttons: [[{ action: "influencer.profile", label: t(deps.config.DEFAULT_LOCALE, "console.button.profile"), url: d.profile }]] } : {}),
  });
}
