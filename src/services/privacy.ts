// The influencer's own data: /mydata exports it, /deleteme erases personal data. Ledger entries
// stay (the cycle totals must still add up) but point to an anonymized, deleted profile; open
// participations and undecided submissions are withdrawn.
import type { Deps } from "./deps.js";
import type { Db } from "../db/client.js";
import { dropScores } from "./leaderboard.js";
import { noticeDecision, submissionNoticeKey } from "./outcome-notices.js";
import { enqueue } from "./outbox.js";
import { revokeReferralCode } from "./referrals.js";
import { DbNull } from "@prisma/client/runtime/client";
import type { Platform } from "../engine/events.js";

export interface DataExport {
  profile: Record<string, unknown>;
  accounts: { platform: string; username: string | null }[];
  handles: { network: string; handle: string }[];
  participations: { missionId: number; status: string }[];
  submissions: { url: string; status: string; createdAt: string }[];
  ledger: { amount: number; kind: string; reason: string | null; at: string }[];
  redemptions: { rewardId: number; cost: number; status: string }[];
}

export async function exportData(deps: Deps, influencerId: number): Promise<DataExport> {
  const inf = await deps.db.influencer.findUniqueOrThrow({
    where: { id: influencerId },
    include: { accounts: true, handles: true, participations: true, submissions: true, ledgerEntries: { orderBy: { id: "asc" } }, redemptions: true },
  });
  return {
    profile: {
      displayName: inf.displayName, status: inf.status, locale: inf.locale, region: inf.region, interests: inf.interests,
      consentAt: inf.consentAt?.toISOString() ?? null, activatedAt: inf.activatedAt?.toISOString() ?? null, messagesPaused: inf.messagesPaused,
    },
    accounts: inf.accounts.map((a) => ({ platform: a.platform, username: a.username })),
    handles: inf.handles.map((h) => ({ network: h.network, handle: h.handle })),
    participations: inf.participations.map((p) => ({ missionId: p.missionId, status: p.status })),
    submissions: inf.submissions.map((s) => ({ url: s.url, status: s.status, createdAt: s.createdAt.toISOString() })),
    ledger: inf.ledgerEntries.map((e) => ({ amount: e.amount, kind: e.kind, reason: e.reason, at: e.createdAt.toISOString() })),
    redemptions: inf.redemptions.map((r) => ({ rewardId: r.rewardId, cost: r.cost, status: r.status })),
  };
}

/** Erases personal data; the ledger (amounts, kinds, cycles) stays for the program's totals. */
export async function eraseInfluencer(deps: Deps, influencerId: number): Promise<void> {
  const now = deps.clock.now();
  // Undecided work is withdrawn so no manager reviews (or pays) a person who left; the ones that
  // reached the review queue may have a card posted, which managers are told no longer applies.
  const undecided = await deps.db.submission.findMany({
    where: { influencerId, status: { in: [...WITHDRAWN_SUBMISSIONS] } },
    select: { id: true, attempt: true, status: true, mission: { select: { title: true } } },
  });
  await deps.db.$transaction(async (tx) => {
    await tx.submission.updateMany({ where: { influencerId, status: { in: [...WITHDRAWN_SUBMISSIONS] } }, data: { status: "withdrawn", nextCheckAt: null, decidedBy: "erasure", decidedAt: now } });
    await releasePlaces(tx as unknown as Db, influencerId);
    await tx.participation.updateMany({ where: { influencerId, status: { in: ["offered", ...PLACE_HOLDING] } }, data: { status: "withdrawn", decidedAt: now } });
    // A review card still waiting in the outbox is not posted at all.
    if (undecided.length) await tx.outboxMessage.updateMany({ where: { dedupeKey: { in: undecided.map((s) => `${submissionNoticeKey(s)}:review`) }, status: "queued" }, data: { status: "cancelled" } });
    // Screenshots sent as proof (issue 13): their platform references go with the person.
    await tx.submissionProof.deleteMany({ where: { submission: { influencerId } } });
    await tx.socialHandle.deleteMany({ where: { influencerId } });
    await tx.platformAccount.deleteMany({ where: { influencerId } });
    await tx.conversation.updateMany({ where: { influencerId }, data: { influencerId: null, flow: null, step: null, data: {} } });
    await tx.outboxMessage.updateMany({ where: { influencerId, status: "queued" }, data: { status: "cancelled" } });
    const subs = await tx.submission.findMany({ where: { influencerId }, select: { id: true } });
    for (const s of subs) {
      await tx.submission.update({ where: { id: s.id }, data: { url: `erased:${s.id}`, originalUrl: "", authorHandle: null, postId: null, evidence: undefined } });
    }
    await tx.ledgerEntry.updateMany({ where: { influencerId }, data: { reason: null } });
    await revokeReferralCode(tx, influencerId, now); // their referral code admits nobody more
    // Shipping addresses were kept only for delivery: gone with the person.
    await tx.redemption.updateMany({ where: { influencerId }, data: { shippingAddress: DbNull } });
    await dropScores(tx as unknown as Db, influencerId); // off the live leaderboard; the ledger stays
    await tx.influencer.update({
      where: { id: influencerId },
      data: {
        status: "deleted", displayName: null, locale: null, platformLocale: null, region: null, timezone: null,
        interests: [], consentAt: null, messagesPaused: true, leaderboardOptIn: false, deletedAt: now,
      },
    });
  });
  const inReview = undecided.filter((x) => x.status === "needs_review");
  await withdrawPostedCards(deps, inReview, now);
  for (const s of inReview) {
    await noticeDecision(deps, { submission: s, decision: "withdrawn", title: s.mission.title, by: "system", influencer: `#${influencerId}`, detail: "" });
  }
}

/**
 * A review card already posted (or being posted) still shows Approve/Reject: it is replaced by
 * "withdrawn" in place, so a manager scrolling back to it is not misled. The channel notice after
 * it says the same where managers read the newest messages.
 */
async function withdrawPostedCards(deps: Deps, submissions: { id: number; attempt: number; mission: { title: string } }[], now: Date): Promise<void> {
  if (!submissions.length) return;
  const cardKey = (s: { id: number; attempt: number }) => `${submissionNoticeKey(s)}:review`;
  const cards = await deps.db.outboxMessage.findMany({
    where: { dedupeKey: { in: submissions.map(cardKey) }, status: { in: ["sent", "sending"] } },
    select: { platform: true, recipient: true, dedupeKey: true },
  });
  const byKey = new Map(cards.map((c) => [c.dedupeKey, c]));
  await enqueue(deps.db, submissions.flatMap((s) => {
    const card = byKey.get(cardKey(s));
    if (!card) return [];
    return [{
      platform: card.platform as Platform, recipient: card.recipient, purpose: "review.withdrawn", dedupeKey: `${cardKey(s)}:withdrawn`,
      payload: { kind: "edit" as const, of: card.dedupeKey, content: { kind: "i18n" as const, messageId: "outcome.review.card_withdrawn", params: { id: s.id, title: s.mission.title } } },
    }];
  }), now);
}

/** Participation states that took a place on the mission (acceptedCount counts them) and are still open. */
const PLACE_HOLDING = ["accepted", "submitted", "rejected"];

/**
 * Gives back the places of a person's open participations, so a capped mission counts only live
 * ones: one statement for all their missions (one participation per mission and person).
 * Called before those participations are withdrawn, in the same transaction.
 */
async function releasePlaces(tx: Db, influencerId: number): Promise<void> {
  const open = await tx.participation.findMany({ where: { influencerId, status: { in: PLACE_HOLDING } }, select: { missionId: true } });
  if (!open.length) return;
  await tx.mission.updateMany({ where: { id: { in: open.map((p) => p.missionId) }, acceptedCount: { gt: 0 } }, data: { acceptedCount: { decrement: 1 } } });
}

/** Submission statuses still waiting for a decision, withdrawn on erasure. */
const WITHDRAWN_SUBMISSIONS = ["pending", "needs_review"] as const;
