// Awarding an approved submission's points. The conversation engine owns awardForSubmission; this
// adapter keeps the review queue on the same idempotency key (submission:<id>) so a manager's
// approval and an automatic verification can never both pay.
import { appendEntry, currentCycle } from "./ledger.js";
import type { Deps } from "./deps.js";

/** Returns the points awarded by THIS call (0 when they had already landed). */
export async function awardSubmissionPoints(deps: Deps, submissionId: number): Promise<number> {
  const s = await deps.db.submission.findUniqueOrThrow({ where: { id: submissionId }, include: { mission: { select: { points: true } } } });
  const cycle = await currentCycle(deps.db, deps.clock);
  const r = await appendEntry(deps.db, {
    influencerId: s.influencerId, cycleId: cycle.id, amount: s.mission.points, kind: "mission",
    idempotencyKey: `submission:${submissionId}`, reference: `submission:${submissionId}`, reason: "mission",
  });
  return r.created ? s.mission.points : 0;
}
