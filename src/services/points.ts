// Points from the influencer's side: awarding an approved/verified submission (idempotent on the
// ledger key participation:<id> — one mission pays once, however many links were sent — and on the
// older submission:<id> keys written before resubmissions) and the /points summary.
import { appendEntry, currentCycle, cycleBalance, lifetimeEarned } from "./ledger.js";
import { EARNING_KINDS } from "../domain/cycle-close.js";
import type { LedgerEntry } from "../db/generated/sqlite/client.js";
import type { Deps } from "./deps.js";
import { multipliedPoints } from "../domain/tiers.js";
import { tierOf } from "./tiers.js";

export interface AwardOutcome {
  /** true only for the call that wrote the ledger entry */
  awarded: boolean;
  points: number;
  /** the mission's ledger entry; null when nothing may be paid (an erased person) */
  entryId: number | null;
  /** the new cycle balance after the award */
  balance: number;
}

/** The ledger key of a mission's award: one per participation, so one mission pays once. */
export const awardKey = (participationId: number) => `participation:${participationId}`;
/** The key used before resubmissions existed (one per submission): still recognised. */
export const legacyAwardKey = (submissionId: number) => `submission:${submissionId}`;

/** The award already paid for this participation, under the current or a legacy key. */
export async function existingAward(db: Deps["db"], participationId: number) {
  const subs = await db.submission.findMany({ where: { participationId }, select: { id: true } });
  return db.ledgerEntry.findFirst({ where: { idempotencyKey: { in: [awardKey(participationId), ...subs.map((x) => legacyAwardKey(x.id))] } }, orderBy: { id: "asc" } });
}

export async function awardForSubmission(deps: Deps, submissionId: number, decidedBy = "system"): Promise<AwardOutcome> {
  const s = await deps.db.submission.findUniqueOrThrow({
    where: { id: submissionId },
    include: { mission: { select: { points: true, title: true } }, influencer: { select: { deletedAt: true } } },
  });
  const cycle = await currentCycle(deps.db, deps.clock);
  // Nothing is paid to an erased person, whatever path asks for it.
  if (s.influencer.deletedAt) return { awarded: false, points: 0, entryId: null, balance: 0 };
  const legacy = await existingAward(deps.db, s.participationId);
  // The tier the person is in when the post is approved sets the multiplier (issue 21).
  const amount = legacy ? 0 : multipliedPoints(s.mission.points, (await tierOf(deps, s.influencerId, cycle)).current);
  const r = legacy
    ? { created: false as const, entry: legacy }
    : await appendEntry(deps.db, {
        influencerId: s.influencerId, cycleId: cycle.id, amount, kind: "mission",
        idempotencyKey: awardKey(s.participationId), reference: legacyAwardKey(submissionId), reason: s.mission.title, createdBy: decidedBy,
      });
  const now = deps.clock.now();
  // Verified stays verified (the stronger fact); anything else still open becomes approved.
  await deps.db.submission.updateMany({
    where: { id: submissionId, status: { in: ["pending", "needs_review"] } },
    data: { status: "approved", decidedAt: now, decidedBy },
  });
  await deps.db.participation.updateMany({
    where: { id: s.participationId, status: { in: ["accepted", "submitted"] } },
    data: { status: "approved", decidedAt: now },
  });
  const balance = await cycleBalance(deps.db, s.influencerId, cycle.id);
  return { awarded: r.created, points: r.entry.amount, entryId: r.entry.id, balance };
}

export interface PointsSummary {
  cycle: { id: number; name: string; endsAt: Date };
  /** what can be spent now: everything in this cycle's ledger (rollover in, redemptions out) */
  balance: number;
  /** what the leaderboard ranks: missions and adjustments of this cycle (the cycle close ranks the same) */
  earned: number;
  /** carried over from the previous cycle: spendable, not ranked */
  rolledOver: number;
  lifetime: number;
  recent: LedgerEntry[];
}

export async function pointsSummary(deps: Deps, influencerId: number, recent = 5): Promise<PointsSummary> {
  const cycle = await currentCycle(deps.db, deps.clock);
  const [balance, byKind, lifetime, entries] = await Promise.all([
    cycleBalance(deps.db, influencerId, cycle.id),
    deps.db.ledgerEntry.groupBy({ by: ["kind"], where: { influencerId, cycleId: cycle.id }, _sum: { amount: true } }),
    lifetimeEarned(deps.db, influencerId),
    deps.db.ledgerEntry.findMany({ where: { influencerId }, orderBy: { id: "desc" }, take: recent }),
  ]);
  const sumOf = (kinds: readonly string[]) => byKind.filter((k) => kinds.includes(k.kind)).reduce((n, k) => n + (k._sum.amount ?? 0), 0);
  return {
    cycle: { id: cycle.id, name: cycle.name, endsAt: cycle.endsAt },
    balance, earned: sumOf(EARNING_KINDS), rolledOver: sumOf(["rollover"]), lifetime, recent: entries,
  };
}
