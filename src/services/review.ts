// The manual review queue: submissions verification could not settle (status needs_review), oldest
// first, with their evidence. Approve awards the points once; reject tells the influencer why
// (they may submit again before the deadline). Two managers deciding at once: a conditional update
// on the status lets exactly one win; the other learns who decided.
import { actorMention } from "../engine/mention.js";
import { missionTitleParam } from "../domain/content-translations.js";
import { announceProgress } from "./tiers.js";
import { payReferrals } from "./referrals.js";
import { dateParam } from "../i18n/dates.js";
import { z } from "zod";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import { audience } from "./audience.js";
import type { Deps } from "./deps.js";
import { proofFileUrl } from "./proofs.js";
import { requireManager, type Actor } from "./managers.js";
import { enqueue } from "./outbox.js";
import { noticeDecision, submissionNoticeKey, tellInfluencer } from "./outcome-notices.js";
import { awardForSubmission } from "./points.js";
import { personLabel, profileUrl } from "./influencer-card.js";

/** Statuses a human may still decide. */
export const UNDECIDED = ["needs_review", "pending", "verified"] as const;

export interface ReviewItem {
  id: number;
  missionId: number;
  missionTitle: string;
  influencerId: number;
  influencerName: string | null;
  /** their first registered handle (names them with the display name on cards) */
  influencerHandle?: string | null;
  /** their dashboard profile (PUBLIC_URL) */
  profileUrl?: string;
  url: string;
  network: string;
  authorHandle: string | null;
  status: string;
  /** 1 for the first link; more after resubmissions */
  attempt: number;
  /** why the attempt before was rejected */
  previousReason: string | null;
  /** verification result as stored: checks, hashtags found/missing, author seen, notes */
  evidence: unknown;
  createdAt: Date;
  /** the latest reach/engagement reading of the post, when one was taken (issue 13) */
  engagement?: EngagementReading | null;
  /** screenshots sent as proof of a post without a public link, each opened through the dashboard (issue 13) */
  proofs?: { id: number; kind: string; fileName: string | null; url: string }[];
}

export interface EngagementReading {
  views: number | null;
  likes: number | null;
  comments: number | null;
  /** youtube_api | self_reported */
  source: string;
  seenAt: Date;
}

/** the first handle a person registered, to name them by */
const HANDLE = { select: { handle: true }, orderBy: { id: "asc" as const }, take: 1 };

/** How the managers' channel names the person of a decision: name, handle, profile button. */
function decisionPerson(deps: Deps, s: { influencerId: number; influencer: { displayName: string | null; handles: { handle: string }[] } }) {
  return {
    influencer: personLabel({ id: s.influencerId, name: s.influencer.displayName, handle: s.influencer.handles[0]?.handle ?? null }),
    profile: profileUrl(deps.config, s.influencerId),
  };
}

/** `status` "all": every status, newest first (the operator's listing); else that status, oldest first (a queue). */
export async function reviewQueue(deps: Deps, actor: Actor, options: { limit?: number; status?: string } = {}): Promise<Result<ReviewItem[]>> {
  const refused = await requireManager(deps, actor, "review.list");
  if (refused) return refused;
  const all = options.status === "all";
  const rows = await deps.db.submission.findMany({
    where: all ? {} : { status: options.status ?? "needs_review" },
    orderBy: all ? [{ createdAt: "desc" }, { id: "desc" }] : [{ createdAt: "asc" }, { id: "asc" }],
    take: Math.min(options.limit ?? 50, 500),
    include: {
      mission: { select: { title: true } }, influencer: { select: { displayName: true, handles: HANDLE } },
      metrics: { orderBy: { id: "desc" }, take: 1, select: { views: true, likes: true, comments: true, source: true, seenAt: true } },
      proofs: { select: { id: true, kind: true, fileName: true }, orderBy: { id: "asc" } },
    },
  });
  return ok(rows.map((s) => ({
    id: s.id, missionId: s.missionId, missionTitle: s.mission.title, influencerId: s.influencerId, influencerName: s.influencer.displayName,
    influencerHandle: s.influencer.handles[0]?.handle ?? null, profileUrl: profileUrl(deps.config, s.influencerId),
    url: s.url, network: s.network, authorHandle: s.authorHandle, status: s.status, attempt: s.attempt, previousReason: s.previousReason,
    evidence: s.evidence, createdAt: s.createdAt, engagement: s.metrics[0] ?? null,
    proofs: s.proofs.map((p) => ({ ...p, url: proofFileUrl(deps.config, p.id) })),
  })));
}

async function alreadyDecided(deps: Deps, id: number) {
  const s = await deps.db.submission.findUnique({ where: { id }, select: { status: true, decidedBy: true } });
  if (!s) return err("manage.review.not_found", { id });
  return err("manage.review.already_decided", { id, status: s.status, by: s.decidedBy ?? "system" });
}

export async function approveSubmission(deps: Deps, actor: Actor, id: number): Promise<Result<{ id: number; awarded: number }>> {
  const refused = await requireManager(deps, actor, "submission.approve", { type: "submission", id });
  if (refused) return refused;
  const target = await deps.db.submission.findUnique({ where: { id }, select: { influencer: { select: { deletedAt: true } } } });
  // An erased person's submission is withdrawn; nothing may pay them (checked before any write).
  if (target?.influencer.deletedAt) return err("manage.review.erased", { id });
  const now = deps.clock.now();
  const won = await deps.db.submission.updateMany({
    where: { id, status: { in: [...UNDECIDED] } },
    data: { status: "approved", decidedBy: actor, decidedAt: now },
  });
  if (!won.count) {
    const lost = await alreadyDecided(deps, id);
    await audit(deps.db, { actor, action: "submission.approve", targetType: "submission", targetId: id, outcome: "refused", after: lost.params });
    return lost;
  }
  const s = await deps.db.submission.findUniqueOrThrow({ where: { id }, include: { mission: { select: { title: true, translations: true } }, influencer: { select: { displayName: true, handles: HANDLE } } } });
  await deps.db.participation.update({ where: { id: s.participationId }, data: { status: "approved", decidedAt: now } });
  // The journey's award: one ledger key per participation, so a verification that already paid never pays twice.
  const award = await awardForSubmission(deps, id, actor);
  const awarded = award.awarded ? award.points : 0;
  const key = submissionNoticeKey(s);
  if (award.awarded) {
    await tellInfluencer(deps, {
      influencerId: s.influencerId, purpose: "submission.approved", dedupeKey: `${key}:approved`,
      messageId: "outcome.approved", params: { title: missionTitleParam(s.mission), points: award.points, balance: award.balance },
    });
    // After the approval itself: a tier or badge it brought, each told once (dedupe keys).
    await announceProgress(deps, [s.influencerId]);
    // A first approved post pays whoever referred this person (once, by ledger key).
    await payReferrals(deps, [s.influencerId], "first_post");
  }
  await noticeDecision(deps, { submission: s, decision: "approved", title: s.mission.title, by: actorMention(actor), ...decisionPerson(deps, s), detail: String(awarded) });
  await audit(deps.db, { actor, action: "submission.approve", targetType: "submission", targetId: id, before: { status: "needs_review" }, after: { status: "approved", awarded } });
  return ok({ id, awarded });
}

export const rejectReasonSchema = z.string().trim().min(1).max(500);

export async function rejectSubmission(deps: Deps, actor: Actor, id: number, reason: string): Promise<Result<{ id: number }>> {
  const refused = await requireManager(deps, actor, "submission.reject", { type: "submission", id });
  if (refused) return refused;
  const parsedReason = rejectReasonSchema.safeParse(reason);
  if (!parsedReason.success) return err("manage.review.reason_required");
  const now = deps.clock.now();
  const won = await deps.db.submission.updateMany({
    where: { id, status: { in: [...UNDECIDED] } },
    data: { status: "rejected", rejectionReason: parsedReason.data, decidedBy: actor, decidedAt: now },
  });
  if (!won.count) {
    const lost = await alreadyDecided(deps, id);
    await audit(deps.db, { actor, action: "submission.reject", targetType: "submission", targetId: id, outcome: "refused", after: lost.params });
    return lost;
  }
  const s = await deps.db.submission.findUniqueOrThrow({ where: { id }, include: { mission: { select: { title: true, deadline: true, translations: true } }, influencer: { select: { displayName: true, handles: HANDLE } } } });
  // "rejected" participation: the influencer may submit another link until the deadline.
  await deps.db.participation.update({ where: { id: s.participationId }, data: { status: "rejected", decidedAt: now } });
  const [recipient] = await audience(deps, { influencerIds: [s.influencerId], statuses: ["active", "paused"], includePaused: true });
  if (recipient) {
    await enqueue(deps.db, [{
      platform: recipient.platform, recipient: recipient.recipient, influencerId: s.influencerId, purpose: "submission.rejected",
      dedupeKey: `${submissionNoticeKey(s)}:rejected`,
      payload: { kind: "i18n", messageId: "manage.review.rejected_notice", params: { title: missionTitleParam(s.mission), reason: parsedReason.data, url: s.url, deadline: dateParam(s.mission.deadline) } },
    }]);
  }
  await noticeDecision(deps, { submission: s, decision: "rejected", title: s.mission.title, by: actorMention(actor), ...decisionPerson(deps, s), detail: parsedReason.data });
  await audit(deps.db, { actor, action: "submission.reject", targetType: "submission", targetId: id, before: { status: "needs_review" }, after: { status: "rejected", reason: parsedReason.data } });
  return ok({ id });
}

export async function listSubmissions(deps: Deps, actor: Actor, options: { status?: string; limit?: number } = {}): Promise<Result<ReviewItem[]>> {
  return reviewQueue(deps, actor, { ...options, ...(options.status ? {} : { status: "needs_review" }) });
}
