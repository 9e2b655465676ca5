// verify-submissions: due pending submissions (nextCheckAt passed) are checked by the verifier and
// moved to verified (+points through awardForSubmission, once per participation),
// needs_review (posted to the managers' review channel) or rejected (the influencer is told why and
// may submit again before the deadline). Inconclusive fetches are re-checked later with backoff,
// and go to review after MAX_CHECKS. Each transition is a conditional update on status "pending",
// so a submission is never decided twice. Without a verifier the job reports "not available".
import { profileUrl } from "../services/influencer-card.js";
import type { ErrParams } from "../result.js";
import { missionTitleParam } from "../domain/content-translations.js";
import { reviewCard } from "../engine/manage/cards.js";
import { catalogs } from "../i18n/catalog.js";
import { t } from "../i18n/translate.js";
import type { Deps } from "../services/deps.js";
import { enqueue, type OutboxItem } from "../services/outbox.js";
import { awardForSubmission } from "../services/points.js";
import { submissionNoticeKey } from "../services/outcome-notices.js";
import { inMissionThread } from "../services/mission-threads.js";
import { recordEngagement } from "../services/post-metrics.js";
import { announceProgress } from "../services/tiers.js";
import { payReferrals } from "../services/referrals.js";
import { contactsOf } from "./contacts.js";
import { recheckDelayMs, stringList, type PostChecker, type SubmissionToCheck, type VerifyOutcome } from "./post-checker.js";
import { notAvailable, type JobCounts, type JobDefinition } from "./types.js";

/** Submissions checked per run: bounds a run's time; the rest waits for the next slot. */
export const VERIFY_BATCH = 100;
export const MAX_CHECKS = 6;

export interface DueSubmission extends SubmissionToCheck {
  influencerId: number;
  influencerName: string | null;
  /** first registered handle: names them on the managers' card */
  influencerHandle: string | null;
  participationId: number;
  checkAttempts: number;
  attempt: number;
  previousReason: string | null;
  createdAt: Date;
}

export async function loadDue(deps: Deps, where: object, take: number): Promise<DueSubmission[]> {
  const rows = await deps.db.submission.findMany({
    where, take, orderBy: { id: "asc" },
    include: {
      mission: { select: { id: true, title: true, hashtags: true, mentions: true, translations: true } },
      influencer: { select: { displayName: true, handles: { select: { network: true, handle: true }, orderBy: { id: "asc" } } } },
    },
  });
  return rows.map((s) => ({
    id: s.id, url: s.url, network: s.network, postId: s.postId, authorHandle: s.authorHandle, influencerId: s.influencerId,
    influencerName: s.influencer.displayName, influencerHandle: s.influencer.handles[0]?.handle ?? null, participationId: s.participationId, checkAttempts: s.checkAttempts, attempt: s.attempt, previousReason: s.previousReason, createdAt: s.createdAt,
    handles: s.influencer.handles.filter((h) => h.network === s.network).map((h) => h.handle),
    mission: { id: s.mission.id, title: s.mission.title, translations: s.mission.translations, hashtags: stringList(s.mission.hashtags), mentions: stringList(s.mission.mentions) },
  }));
}

export async function runVerifySubmissions(deps: Deps, now: Date, checker: PostChecker): Promise<JobCounts> {
  const { db, config } = deps;
  const counts = { checked: 0, verified: 0, needsReview: 0, rejected: 0, retried: 0, pointsAwarded: 0 };
  const due = await loadDue(deps, { status: "pending", OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }] }, VERIFY_BATCH);
  const contacts = await contactsOf(deps, due.map((s) => s.influencerId));
  const items: OutboxItem[] = [];
  const paid: number[] = [];
  const tell = (s: (typeof due)[number], what: string, messageId: string, params: ErrParams) => {
    const c = contacts.get(s.influencerId);
    if (c) items.push({ platform: c.platform, recipient: c.recipient, influencerId: s.influencerId, purpose: `submission.${what}`, dedupeKey: `${submissionNoticeKey(s)}:${what}`, payload: { kind: "i18n", messageId, params } });
  };
  const job = { ...deps, clock: { now: () => now } };
  // Reach and engagement at verification (YouTube with an API key): one request per 50 posts.
  const engagement = await recordEngagement(db, checker.engagement, due, now);
  for (const s of due) {
    counts.checked++;
    const result = await checker.verify(s);
    const pending = { id: s.id, status: "pending" };
    let decided: Exclude<VerifyOutcome, { decision: "retry" }>;
    if (result.decision === "retry") {
      const attempts = s.checkAttempts + 1;
      if (attempts < MAX_CHECKS) {
        await db.submission.updateMany({ where: pending, data: { checkAttempts: attempts, nextCheckAt: new Date(now.getTime() + recheckDelayMs(attempts)), evidence: { lastError: result.reason } } });
        counts.retried++;
        continue;
      }
      // Still inconclusive after MAX_CHECKS: a human decides.
      decided = { decision: "needs_review", notes: `could not check the post ${attempts} times: ${result.reason}` };
    } else decided = result;
    const evidence = (decided.evidence ?? { notes: decided.notes ?? decided.reason ?? null }) as object;
    if (decided.decision === "verified") {
      const won = await db.submission.updateMany({ where: pending, data: { status: "verified", verifiedAt: now, evidence, decidedBy: "system", decidedAt: now, nextCheckAt: null } });
      if (!won.count) continue;
      const award = await awardForSubmission(job, s.id, "system");
      counts.verified++;
      if (award.awarded) {
        counts.pointsAwarded += award.points;
        paid.push(s.influencerId);
      }
      tell(s, "verified", "jobs.verify.verified", { title: missionTitleParam(s.mission), points: award.points });
    } else if (decided.decision === "rejected") {
      const reason = decided.reason ?? (decided.reasonId && catalogs.en[decided.reasonId] ? t("en", decided.reasonId, decided.reasonParams) : decided.notes) ?? "the post could not be found";
      const won = await db.submission.updateMany({ where: pending, data: { status: "rejected", rejectionReason: reason.slice(0, 500), evidence, decidedBy: "system", decidedAt: now, nextCheckAt: null } });
      if (!won.count) continue;
      // Like a manager's rejection: they may submit another link until the deadline.
      await db.participation.updateMany({ where: { id: s.participationId, status: { in: ["accepted", "submitted"] } }, data: { status: "rejected", decidedAt: now } });
      counts.rejected++;
      // "Not found" (the only automatic rejection under the decision rules) has its own message in
      // every language; any other reason is shown as the verifier gave it.
      if (decided.reasonId === "verify.reason.not_found") tell(s, "rejected", "jobs.verify.not_found", { title: missionTitleParam(s.mission) });
      else tell(s, "rejected", "jobs.verify.rejected", { title: missionTitleParam(s.mission), reason });
    } else {
      const won = await db.submission.updateMany({ where: pending, data: { status: "needs_review", evidence, nextCheckAt: null, checkAttempts: s.checkAttempts + 1 } });
      if (!won.count) continue;
      counts.needsReview++;
      tell(s, "in_review", "jobs.verify.in_review", { title: missionTitleParam(s.mission) });
      if (config.SLACK_MANAGER_CHANNEL) {
        // The managers' review card (evidence + Approve/Reject buttons), as the review queue shows it.
        const card = reviewCard(config.DEFAULT_LOCALE, {
          id: s.id, missionId: s.mission.id, missionTitle: s.mission.title, influencerId: s.influencerId, influencerName: s.influencerName,
          influencerHandle: s.influencerHandle, profileUrl: profileUrl(config, s.influencerId), url: s.url, network: s.network, authorHandle: s.authorHandle, status: "needs_review", attempt: s.attempt, previousReason: s.previousReason, evidence, createdAt: s.createdAt,
          ...(engagement.has(s.id) ? { engagement: { ...engagement.get(s.id)!, source: "youtube_api", seenAt: now } } : {}),
        });
        items.push({
          platform: "slack", recipient: config.SLACK_MANAGER_CHANNEL, purpose: "review.needed", batchKey: "review.needed", dedupeKey: `${submissionNoticeKey(s)}:review`,
          payload: inMissionThread(s.mission.id, { kind: "message", message: card }),
        });
      }
    }
  }
  await enqueue(db, items);
  // After the "verified" notices: a tier or badge those awards brought, each told once.
  await announceProgress(job, paid);
  await payReferrals(job, paid, "first_post");
  return counts;
}

export function verifySubmissionsJob(checker: PostChecker | undefined): JobDefinition {
  return {
    name: "verify-submissions",
    cronSetting: "JOB_VERIFY_SUBMISSIONS_CRON",
    run: async (deps, now) => {
      if (checker) return runVerifySubmissions(deps, now, checker);
      const due = await deps.db.submission.count({ where: { status: "pending", OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }] } });
      return { ...notAvailable("the post verifier (src/verify)"), due };
    },
  };
}
