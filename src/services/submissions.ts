// Submitting a post link for an accepted mission. Each rule that fails answers with its own
// message id: link not understood, mission closed, mission not accepted, network not allowed,
// post by someone else, link already submitted (by anyone — the canonical URL is unique, so of
// two submissions of one link at once exactly one wins).
import { err, ok, type Result } from "../result.js";
import { parsePostUrl } from "../domain/links.js";
import { stringList } from "../domain/segment.js";
import type { Submission } from "../db/generated/sqlite/client.js";
import { isUniqueViolation, type Deps } from "./deps.js";

const cleanHandle = (h: string) => h.trim().replace(/^@/, "").toLowerCase();

export async function submitLink(deps: Deps, influencerId: number, missionId: number, rawUrl: string): Promise<Result<Submission>> {
  const parsed = parsePostUrl(rawUrl.trim());
  if (!parsed.ok) return parsed; // link.invalid_url | link.unsupported_network | link.not_a_post, each naming the problem
  const post = parsed.value;

  const mission = await deps.db.mission.findUnique({ where: { id: missionId } });
  if (!mission) return err("journey.missions.not_found");
  const now = deps.clock.now();
  if (mission.status !== "published" || mission.deadline <= now) return err("journey.submit.mission_closed", { title: mission.title });

  const part = await deps.db.participation.findUnique({ where: { missionId_influencerId: { missionId, influencerId } } });
  if (!part || part.status === "offered" || part.status === "declined") return err("journey.submit.not_accepted", { title: mission.title });
  if (part.status !== "accepted") return err("journey.submit.already_submitted_mission", { title: mission.title });

  const allowed = stringList(mission.networks);
  if (allowed.length && !allowed.includes(post.network)) {
    return err("journey.submit.network_not_allowed", { network: post.network, allowed: allowed.join(", ") });
  }

  const handles = await deps.db.socialHandle.findMany({ where: { influencerId, network: post.network } });
  if (!handles.length) return err("journey.submit.no_handle_on_network", { network: post.network });
  if (post.authorHandle && !handles.some((h) => h.handle === cleanHandle(post.authorHandle as string))) {
    return err("journey.submit.not_your_post", { author: post.authorHandle });
  }

  if (await deps.db.submission.findUnique({ where: { url: post.canonicalUrl }, select: { id: true } })) {
    return err("journey.submit.duplicate_link");
  }
  try {
    const submission = await deps.db.$transaction(async (tx) => {
      const s = await tx.submission.create({
        data: {
          participationId: part.id, missionId, influencerId,
          url: post.canonicalUrl, originalUrl: rawUrl.trim(), network: post.network,
          postId: post.postId ?? null, authorHandle: post.authorHandle ? cleanHandle(post.authorHandle) : null,
          status: "pending", nextCheckAt: now,
        },
      });
      await tx.participation.update({ where: { id: part.id }, data: { status: "submitted", submittedAt: now } });
      return s;
    });
    return ok(submission);
  } catch (e) {
    if (isUniqueViolation(e)) return err("journey.submit.duplicate_link");
    throw e;
  }
}
