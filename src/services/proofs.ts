// Screenshots as proof of a post without a stable public link (issue 13): the submission is
// created straight in review, marked self-reported, with the platform's file references
// (SubmissionProof, no bytes) and the reach the person typed (PostMetric, source self_reported).
// The managers' review card links each file to the dashboard, which streams it from the platform.
import { randomBytes } from "node:crypto";
import { missionTitleParam } from "../domain/content-translations.js";
import { checkProofFiles, PROOF_URL_PREFIX, type ReportedFigures } from "../domain/proofs.js";
import type { InboundFile, Platform } from "../engine/events.js";
import { reviewCard } from "../engine/manage/cards.js";
import type { Mission, Submission } from "../db/generated/sqlite/client.js";
import { err, ok, type Result } from "../result.js";
import type { Deps } from "./deps.js";
import { profileUrl } from "./influencer-card.js";
import { enqueue } from "./outbox.js";
import { submissionNoticeKey } from "./outcome-notices.js";
import { linkWelcome } from "./submissions.js";

/** the network word of a proof submission (no link, so no network was read from one) */
export const PROOF_NETWORK = "screenshot";

/** The dashboard address that streams one proof file to a signed-in manager. */
export function proofFileUrl(config: Pick<Deps["config"], "PUBLIC_URL">, proofId: number): string {
  return `${config.PUBLIC_URL.replace(/\/$/, "")}/dashboard/proofs/${proofId}`;
}

class LostClaim extends Error {}

export async function submitProof(
  deps: Deps, influencerId: number, missionId: number, platform: Platform, files: InboundFile[], figures: ReportedFigures,
): Promise<Result<{ submission: Submission; mission: Mission }>> {
  const checked = checkProofFiles(files);
  if (!checked.ok) return checked;
  if (!checked.value.length) return err("measure.proof.no_file");
  const open = await linkWelcome(deps, influencerId, missionId);
  if (!open.ok) return open;
  const { mission, part, used, lastReason } = open.value;
  const now = deps.clock.now();
  const url = `${PROOF_URL_PREFIX}${randomBytes(12).toString("base64url")}`;
  let submission: Submission;
  try {
    submission = await deps.db.$transaction(async (tx) => {
      // Claims the participation, as a link does: of two proofs sent at once, one is recorded.
      const claimed = await tx.participation.updateMany({ where: { id: part.id, status: part.status }, data: { status: "submitted", submittedAt: now } });
      if (!claimed.count) throw new LostClaim();
      const created = await tx.submission.create({
        data: {
          participationId: part.id, missionId, influencerId, url, originalUrl: url, network: PROOF_NETWORK, status: "needs_review",
          evidence: { selfReported: true }, attempt: used + 1, previousReason: used > 0 ? lastReason : null, nextCheckAt: null,
          // Nothing to re-check later: a Story is gone after 24 h by design, not removed.
          liveCheckedAt: now,
        },
      });
      await tx.submissionProof.createMany({
        data: checked.value.map((f) => ({ submissionId: created.id, platform, fileRef: f.ref, kind: f.kind, mimeType: f.mimeType, sizeBytes: f.sizeBytes ?? null, fileName: f.fileName ?? null })),
      });
      await tx.postMetric.create({ data: { submissionId: created.id, views: figures.views, likes: figures.likes ?? null, comments: figures.comments ?? null, source: "self_reported", seenAt: now } });
      return created;
    });
  } catch (e) {
    if (e instanceof LostClaim) return err("journey.submit.already_submitted_mission", { title: missionTitleParam(mission) });
    throw e;
  }
  await postReviewCard(deps, submission);
  return ok({ submission, mission });
}

/** The managers' review card in their Slack channel, with a link to each file (keyed like the verifier's, so erasure cancels it). */
async function postReviewCard(deps: Deps, s: Submission): Promise<void> {
  const channel = deps.config.SLACK_MANAGER_CHANNEL;
  if (!channel) return;
  const full = await deps.db.submission.findUniqueOrThrow({
    where: { id: s.id },
    include: {
      mission: { select: { title: true } },
      influencer: { select: { displayName: true, handles: { select: { handle: true }, orderBy: { id: "asc" }, take: 1 } } },
      proofs: { select: { id: true, kind: true, fileName: true }, orderBy: { id: "asc" } },
      metrics: { orderBy: { id: "desc" }, take: 1, select: { views: true, likes: true, comments: true, source: true, seenAt: true } },
    },
  });
  const card = reviewCard(deps.config.DEFAULT_LOCALE, {
    id: s.id, missionId: s.missionId, missionTitle: full.mission.title, influencerId: s.influencerId, influencerName: full.influencer.displayName,
    influencerHandle: full.influencer.handles[0]?.handle ?? null, profileUrl: profileUrl(deps.config, s.influencerId), url: s.url, network: s.network,
    authorHandle: null, status: s.status, attempt: s.attempt, previousReason: s.previousReason, evidence: s.evidence, createdAt: s.createdAt,
    engagement: full.metrics[0] ?? null, proofs: full.proofs.map((p) => ({ ...p, url: proofFileUrl(deps.config, p.id) })),
  });
  await enqueue(deps.db, [{
    platform: "slack", recipient: channel, purpose: "review.needed", batchKey: "review.needed", dedupeKey: `${submissionNoticeKey(s)}:review`,
    payload: { kind: "message", message: card },
  }]);
}
