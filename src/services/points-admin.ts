// Manual points: an adjustment with a mandatory reason (ledger kind "adjustment"), and any
// influencer's statement. The idempotency key comes from the caller (a form's request id, a
// CLI --id) so a retried request lands once; without one a fresh id is generated. The influencer
// is told each adjustment; an erased person gets none.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { err, ok, type Result } from "../result.js";
import { audit } from "./audit.js";
import type { Deps } from "./deps.js";
import { appendEntry, currentCycle, cycleBalance, lifetimeEarned } from "./ledger.js";
import { requireManager, type Actor } from "./managers.js";
import { announceProgress } from "./tiers.js";
import { tellInfluencer } from "./outcome-notices.js";

export const adjustSchema = z.object({
  influencerId: z.coerce.number().int().positive(),
  points: z.coerce.number().int().refine((n) => n !== 0 && Math.abs(n) <= 1_000_000),
  reason: z.string().trim().min(1).max(300),
  requestId: z.string().trim().min(1).max(100).optional(),
});
export type AdjustInput = z.input<typeof adjustSchema>;

export async function adjustPoints(deps: Deps, actor: Actor, input: AdjustInput): Promise<Result<{ entryId: number; created: boolean; balance: number }>> {
  const refused = await requireManager(deps, actor, "points.adjust", { type: "influencer", id: String(input.influencerId) });
  if (refused) return refused;
  const parsed = adjustSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "");
    return err(field === "reason" ? "manage.points.reason_required" : "manage.points.invalid", { field });
  }
  const { influencerId, points, reason, requestId } = parsed.data;
  const influencer = await deps.db.influencer.findUnique({ where: { id: influencerId }, select: { id: true, deletedAt: true } });
  if (!influencer) return err("manage.influencer.not_found", { id: influencerId });
  if (influencer.deletedAt) return err("manage.points.erased", { id: influencerId });
  const cycle = await currentCycle(deps.db, deps.clock);
  const before = await cycleBalance(deps.db, influencerId, cycle.id);
  const r = await appendEntry(deps.db, {
    influencerId, cycleId: cycle.id, amount: points, kind: "adjustment", reason, createdBy: actor,
    idempotencyKey: `adjustment:${requestId ?? randomUUID()}`, reference: `influencer:${influencerId}`,
  });
  const balance = await cycleBalance(deps.db, influencerId, cycle.id);
  if (r.created) {
    await audit(deps.db, { actor, action: "points.adjust", targetType: "influencer", targetId: influencerId, before: { balance: before }, after: { balance, amount: points, reason } });
    // Keyed by the ledger entry: a retried request (same entry) tells them once.
    await tellInfluencer(deps, {
      influencerId, purpose: "points.adjusted", dedupeKey: `ledger:${r.entry.id}:adjusted`,
      messageId: "outcome.points_adjusted", params: { amount: points > 0 ? `+${points}` : String(points), reason, balance },
    });
    if (points > 0) await announceProgress(deps, [influencerId]);
  }
  return ok({ entryId: r.entry.id, created: r.created, balance });
}

export interface Statement {
  influencerId: number;
  displayName: string | null;
  cycle: { id: number; name: string };
  balance: number;
  lifetime: number;
  entries: { id: number; at: Date; amount: number; kind: string; reason: string | null; reference: string | null; cycleId: number }[];
}

export async function influencerStatement(deps: Deps, actor: Actor, influencerId: number, options: { limit?: number } = {}): Promise<Result<Statement>> {
  const refused = await requireManager(deps, actor, "points.statement", { type: "influencer", id: influencerId });
  if (refused) return refused;
  const influencer = await deps.db.influencer.findUnique({ where: { id: influencerId }, select: { id: true, displayName: true } });
  if (!influencer) return err("manage.influencer.not_found", { id: influencerId });
  const cycle = await currentCycle(deps.db, deps.clock);
  const [balance, lifetime, entries] = await Promise.all([
    cycleBalance(deps.db, influencerId, cycle.id),
    lifetimeEarned(deps.db, influencerId),
    deps.db.ledgerEntry.findMany({ where: { influencerId }, orderBy: { id: "desc" }, take: Math.min(options.limit ?? 20, 200) }),
  ]);
  return ok({
    influencerId, displayName: influencer.displayName, cycle: { id: cycle.id, name: cycle.name }, balance, lifetime,
    entries: entries.map((e) => ({ id: e.id, at: e.createdAt, amount: e.amount, kind: e.kind, reason: e.reason, reference: e.reference, cycleId: e.cycleId })),
  });
}
