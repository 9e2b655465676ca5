// Where each of an influencer's missions stands, as they should see it in /missions: accepted
// (post and send the link), submitted (being checked), in review (a person looks at it), approved,
// rejected (a new link is welcome while attempts and time remain) or closed for them.
import type { Participation } from "../db/generated/sqlite/client.js";
import type { Deps } from "./deps.js";
import { maxSubmissionAttempts } from "./submission-settings.js";

export type JourneyState = "accepted" | "submitted" | "in_review" | "approved" | "rejected" | "closed";

export interface ParticipationState {
  state: JourneyState;
  /** the latest link sent */
  url: string | null;
  /** why the latest link was refused */
  reason: string | null;
  /** the attempt a new link would be */
  nextAttempt: number;
  maxAttempts: number;
}

type Part = Pick<Participation, "id" | "missionId" | "status">;

/** States of the given participations (offered/declined/withdrawn ones are left out), keyed by mission id. */
export async function participationStates(deps: Deps, parts: Part[], openMissionIds: Set<number>): Promise<Map<number, ParticipationState>> {
  const mine = parts.filter((p) => ["accepted", "submitted", "approved", "rejected"].includes(p.status));
  if (!mine.length) return new Map();
  const [subs, maxAttempts] = await Promise.all([
    deps.db.submission.findMany({
      where: { participationId: { in: mine.map((p) => p.id) } },
      orderBy: [{ attempt: "desc" }, { id: "desc" }],
      select: { participationId: true, status: true, url: true, rejectionReason: true, attempt: true },
    }),
    maxSubmissionAttempts(deps.db),
  ]);
  const latest = new Map<number, (typeof subs)[number]>();
  for (const s of subs) if (!latest.has(s.participationId)) latest.set(s.participationId, s);
  return new Map(mine.map((p) => {
    const s = latest.get(p.id);
    const used = s?.attempt ?? 0;
    let state: JourneyState;
    if (p.status === "accepted") state = "accepted";
    else if (p.status === "approved" || s?.status === "verified" || s?.status === "approved") state = "approved";
    else if (p.status === "rejected") state = used < maxAttempts && openMissionIds.has(p.missionId) ? "rejected" : "closed";
    else state = s?.status === "needs_review" ? "in_review" : "submitted";
    return [p.missionId, { state, url: s?.url ?? null, reason: s?.rejectionReason ?? null, nextAttempt: used + 1, maxAttempts }];
  }));
}
