// Submitting a post link for an accepted mission. Each rule that fails answers with its own
// message id: link not understood, mission closed, mission not accepted, network not allowed,
// post by someone else, link already submitted (by anyone — the canonical URL is unique, so of
// two submissions of one link at once exactly one wins). After a rejection (or "post not found")
// another link may be sent while the mission is open, up to the program's attempt cap.
import { missionTitleParam } from "../domain/content-translations.js";
import { err, ok, type Result } from "../result.js";
import { parsePostUrl } from "../domain/links.js";
import { stringList } from "../domain/segment.js";
import { DbNull } from "@prisma/client/runtime/client";
import type { Submission } from "../db/generated/sqlite/client.js";
import { isUniqueViolation, type Deps } from "./deps.js";
import { attemptsUsed, maxSubmissionAttempts } from "./submission-settings.js";

const cleanHandle = (h: string) => h.trim().replace(/^@/, "").toLowerCase();

/**
 * Whether this person may send a link for this mission now (open, accepted or rejected, attempts
 * left), so a Submit button can answer at once instead of asking for a link that will be refused.
 */
export async function linkWelcome(deps: Deps, influencerId: number, missionId: number) {
  const mission = await deps.db.mission.findUnique({ where: { id: missionId } });
  if (!mission) return err("journey.missions.not_found");
  if (mission.status !== "published" || mission.deadline <= deps.clock.now()) return err("journey.submit.mission_closed", { title: missionTitleParam(mission) });

  const part = await deps.db.participation.findUnique({ where: { missionId_influencerId: { missionId, influencerId } } });
  if (!part || part.status === "offered" || part.status === "declined") return err("journey.submit.not_accepted", { title: missionTitleParam(mission) });
  // "rejected" (by a manager, or the post was not found): another link is welcome, up to the cap.
  if (part.status !== "accepted" && part.status !== "rejected") return err("journey.submit.already_submitted_mission", { title: missionTitleParam(mission) });
  const [{ used, lastReason }, maxAttempts] = await Promise.all([attemptsUsed(deps.db, part.id), maxSubmissionAttempts(deps.db)]);
  if (used >= maxAttempts) return err("journey.submit.no_attempts_left", { title: missionTitleParam(mission), max: maxAttempts });
  return ok({ mission, part, used, lastReason });
}

export async function submitLink(deps: Deps, influencerId: number, missionId: number, rawUrl: string): Promise<Result<Submission>> {
  const parsed = parsePostUrl(rawUrl.trim());
  if (!parsed.ok) return parsed; // link.invalid_url | link.unsupported_network | link.not_a_post, each naming the problem
  const post = parsed.value;

  const open = await linkWelcome(deps, influencerId, missionId);
  if (!open.ok) return open;
  const { mission, part, used, lastReason } = open.value;
  const now = deps.clock.now();

  const allowed = stringList(mission.networks);
  if (allowed.length && !allowed.includes(post.network)) {
    return err("journey.submit.network_not_allowed", { network: post.network, allowed: allowed.join(", ") });
  }

  const handles = await deps.db.socialHandle.findMany({ where: { influencerId, network: post.network } });
  if (!handles.length) return err("journey.submit.no_handle_on_network", { network: post.network });
  if (post.authorHandle && !handles.some((h) => h.handle === cleanHandle(post.authorHandle as string))) {
    return err("journey.submit.not_your_post", { author: post.authorHandle });
  }

  const existing = await deps.db.submission.findUnique({ where: { url: post.canonicalUrl }, select: { id: true, participationId: true, status: true } });
  // The same post again after its rejection (made public, caption fixed): that row is reopened,
  // since a URL is stored once.
  const reopen = existing && existing.participationId === part.id && existing.status === "rejected" ? existing.id : null;
  if (existing && reopen === null) return err("journey.submit.duplicate_link");
  const fields = {
    originalUrl: rawUrl.trim(), network: post.network, postId: post.postId ?? null, authorHandle: post.authorHandle ? cleanHandle(post.authorHandle) : null,
    status: "pending", nextCheckAt: now, attempt: used + 1, previousReason: used > 0 ? lastReason : null,
  };
  try {
    const submission = await deps.db.$transaction(async (tx) => {
      // Claims the participation: of two links sent at once for one mission, one is recorded.
      const claimed = await tx.participation.updateMany({ where: { id: part.id, status: part.status }, data: { status: "submitted", submittedAt: now } });
      if (!claimed.count) throw new LostClaim();
      if (reopen !== null) {
        const reopened = await tx.submission.updateMany({
          where: { id: reopen, status: "rejected" },
          data: { ...fields, rejectionReason: null, evidence: DbNull, checkAttempts: 0, verifiedAt: null, liveCheckedAt: null, decidedBy: null, decidedAt: null },
        });
        if (!reopened.count) throw new LostClaim();
        return tx.submission.findUniqueOrThrow({ where: { id: reopen } });
      }
      return tx.submission.create({ data: { participationId: part.id, missionId, influencerId, url: post.canonicalUrl, ...fields } });
    });
    return ok(submission);
  } catch (e) {
    if (e instanceof LostClaim) return err("journey.submit.already_submitted_mission", { title: missionTitleParam(mission) });
    if (isUniqueViolation(e)) return err("journey.submit.duplicate_link");
    throw e;
  }
}

class LostClaim extends Error {}
