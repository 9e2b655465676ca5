// Points per attributed conversion (issue 13). A mission with pointsPerConversion > 0 pays the
// influencer an order attributed to them (by their discount code or their link's click id):
//   - once per order: ledger key `conversion:<orderId>` (the shop's retries, concurrent postbacks
//     and a CSV re-import all land on that one key), kind "conversion" (earned: ranked, in tiers
//     and in the mission's cost), reference `mission:<missionId>`, in the cycle open when it arrives;
//   - a refund takes back its share with its own key `conversion:<orderId>:refund:<refundId>`.
// The refund rule is proportional and cumulative: after each refund of an order, the points taken
// back in all are round(awarded × refunded so far ÷ order amount), never more than awarded, and this
// refund's entry is that figure minus what the order's earlier refunds took. A full refund takes
// everything back, several partial ones never drift by rounding, and a refund in another currency
// than the order's (not comparable) takes everything back. Nothing is paid to an erased person.
// Both are told to the influencer through the outbox, in their language, keyed by the change.
import { missionTitleParam } from "../domain/content-translations.js";
import type { Deps } from "./deps.js";
import { appendEntry, currentCycle } from "./ledger.js";
import { tellInfluencer } from "./outcome-notices.js";

export const conversionAwardKey = (orderId: string) => `conversion:${orderId}`;
export const conversionRefundKey = (orderId: string, refundId: string) => `conversion:${orderId}:refund:${refundId}`;

export interface RecordedConversion {
  kind: string;
  orderId: string | null;
  refundId: string | null;
  missionId: number | null;
  influencerId: number | null;
  amountMinor: number;
  currency: string | null;
}

type PointsDeps = Pick<Deps, "db" | "clock" | "config">;

/** Pays (or, for a refund, takes back) the points of one recorded conversion; safe to call again. */
export async function settleConversionPoints(deps: PointsDeps, c: RecordedConversion): Promise<void> {
  if (!c.orderId || c.missionId === null || c.influencerId === null) return;
  if (c.kind === "refund") return c.refundId ? takeBack(deps, c.orderId, c.refundId) : undefined;
  const mission = await deps.db.mission.findUnique({ where: { id: c.missionId }, select: { pointsPerConversion: true, title: true, translations: true } });
  if (!mission || mission.pointsPerConversion <= 0) return;
  const person = await deps.db.influencer.findUnique({ where: { id: c.influencerId }, select: { deletedAt: true } });
  if (!person || person.deletedAt) return;
  const key = conversionAwardKey(c.orderId);
  // Looked up first: inside a PostgreSQL transaction (the CSV import) a unique violation would
  // abort the whole transaction, so the known-duplicate path never tries the insert.
  const entry = (await deps.db.ledgerEntry.findUnique({ where: { idempotencyKey: key } }))
    ?? (await appendEntry(deps.db, {
      influencerId: c.influencerId, cycleId: (await currentCycle(deps.db, deps.clock)).id, amount: mission.pointsPerConversion, kind: "conversion",
      idempotencyKey: key, reference: `mission:${c.missionId}`, reason: mission.title, createdBy: "system",
    })).entry;
  await tellInfluencer(deps, {
    influencerId: entry.influencerId, purpose: "conversion.points", dedupeKey: `${key}:points`,
    messageId: "measurement.conversion_points", params: { title: missionTitleParam(mission), points: entry.amount },
  });
}

async function takeBack(deps: PointsDeps, orderId: string, refundId: string): Promise<void> {
  const key = conversionRefundKey(orderId, refundId);
  const [award, order, refunds, taken, existing] = await Promise.all([
    deps.db.ledgerEntry.findUnique({ where: { idempotencyKey: conversionAwardKey(orderId) } }),
    deps.db.conversion.findUnique({ where: { externalId: `order:${orderId}` }, select: { amountMinor: true, currency: true } }),
    deps.db.conversion.findMany({ where: { orderId, kind: "refund" }, select: { amountMinor: true, currency: true } }),
    deps.db.ledgerEntry.aggregate({ where: { idempotencyKey: { startsWith: `${conversionAwardKey(orderId)}:refund:` } }, _sum: { amount: true } }),
    deps.db.ledgerEntry.findUnique({ where: { idempotencyKey: key } }),
  ]);
  if (!award || award.amount <= 0) return; // nothing was paid for this order
  const mission = await deps.db.mission.findUnique({ where: { id: Number(award.reference?.slice("mission:".length)) || 0 }, select: { title: true, translations: true } });
  let entry = existing;
  if (!entry) {
    const comparable = order && order.amountMinor > 0 && refunds.every((r) => r.currency === order.currency);
    const refunded = refunds.reduce((n, r) => n + r.amountMinor, 0);
    const due = comparable ? Math.min(award.amount, Math.round((award.amount * refunded) / order.amountMinor)) : award.amount;
    const amount = due + (taken._sum.amount ?? 0); // taken is negative
    if (amount <= 0) return;
    entry = (await appendEntry(deps.db, {
      influencerId: award.influencerId, cycleId: (await currentCycle(deps.db, deps.clock)).id, amount: -amount, kind: "conversion",
      idempotencyKey: key, reference: award.reference, reason: mission?.title ?? award.reason, createdBy: "system",
    })).entry;
  }
  await tellInfluencer(deps, {
    influencerId: entry.influencerId, purpose: "conversion.refunded", dedupeKey: `${key}:points`,
    messageId: "measurement.conversion_refunded", params: { title: mission ? missionTitleParam(mission) : (award.reason ?? ""), points: -entry.amount },
  });
}
