// Read-only look-ups the operator CLI (and /advo in chat) offer: the influencer directory and one
// person's card, one submission, one cycle, the audit log. Each is a fixed number of capped reads
// and the same role check as the dashboard page that shows the same thing.
import { z } from "zod";
import { directoryWhere } from "../web/directory.js";
import { err, ok, type Result } from "../result.js";
import type { Deps } from "./deps.js";
import { currentCycle, cycleBalance } from "./ledger.js";
import { requireManager, type Actor } from "./managers.js";

const limitSchema = z.coerce.number().int().min(1).max(1000).default(50);
const text = z.string().trim().max(100).optional();

export const influencerQuery = z.object({ q: text, status: z.enum(["invited", "onboarding", "active", "paused", "left"]).optional(), limit: limitSchema });
export type InfluencerQuery = z.input<typeof influencerQuery>;

export interface InfluencerRow {
  id: number;
  displayName: string | null;
  status: string;
  locale: string | null;
  region: string | null;
  handles: { network: string; handle: string }[];
  createdAt: Date;
}

/** The directory (the dashboard's filter): newest first, `q` in names and social handles. */
export async function listInfluencers(deps: Deps, actor: Actor, query: InfluencerQuery): Promise<Result<InfluencerRow[]>> {
  const refused = await requireManager(deps, actor, "influencer");
  if (refused) return refused;
  const parsed = influencerQuery.safeParse(query);
  if (!parsed.success) return err("manage.cli.usage", { usage: "influencer list|search" });
  const rows = await deps.db.influencer.findMany({
    where: directoryWhere(deps.db, { q: parsed.data.q, status: parsed.data.status, page: 1 }),
    orderBy: { id: "desc" },
    take: parsed.data.limit,
    select: { id: true, displayName: true, status: true, locale: true, region: true, createdAt: true, handles: { select: { network: true, handle: true } } },
  });
  return ok(rows);
}

/** One person: who they are, where they can be reached, points now and lifetime, recent activity. */
export async function influencerCard(deps: Deps, actor: Actor, id: number) {
  const refused = await requireManager(deps, actor, "influencer", { type: "influencer", id });
  if (refused) return refused;
  const person = await deps.db.influencer.findUnique({
    where: { id },
    include: { handles: { select: { network: true, handle: true } }, accounts: { select: { platform: true, username: true, unreachableAt: true } } },
  });
  if (!person || person.deletedAt) return err("manage.influencer.not_found", { id });
  const cycle = await currentCycle(deps.db, deps.clock);
  const [balance, lifetime, submissions, redemptions] = await Promise.all([
    cycleBalance(deps.db, id, cycle.id),
    deps.db.ledgerEntry.aggregate({ where: { influencerId: id, amount: { gt: 0 } }, _sum: { amount: true } }),
    deps.db.submission.findMany({ where: { influencerId: id }, orderBy: { id: "desc" }, take: 10, select: { id: true, status: true, missionId: true, url: true, createdAt: true } }),
    deps.db.redemption.findMany({ where: { influencerId: id }, orderBy: { id: "desc" }, take: 10, select: { id: true, status: true, cost: true, createdAt: true, reward: { select: { name: true } } } }),
  ]);
  const { handles, accounts, ...rest } = person;
  return ok({
    ...rest,
    handles,
    accounts: accounts.map((a) => ({ platform: a.platform, username: a.username, reachable: !a.unreachableAt })),
    cycle: { id: cycle.id, name: cycle.name },
    balance,
    lifetime: lifetime._sum.amount ?? 0,
    submissions,
    redemptions: redemptions.map((r) => ({ id: r.id, status: r.status, cost: r.cost, reward: r.reward.name, createdAt: r.createdAt })),
  });
}

/** One submission with its mission, person, verification evidence and decision. */
export async function submissionDetail(deps: Deps, actor: Actor, id: number) {
  const refused = await requireManager(deps, actor, "submission", { type: "submission", id });
  if (refused) return refused;
  const s = await deps.db.submission.findUnique({ where: { id }, include: { mission: { select: { title: true, points: true } }, influencer: { select: { displayName: true } } } });
  if (!s) return err("manage.review.not_found", { id });
  const { mission, influencer, ...rest } = s;
  return ok({ ...rest, missionTitle: mission.title, missionPoints: mission.points, influencerName: influencer.displayName });
}

/** A cycle (the open one without `id`) with its close summary and, once closed, the top standings. */
export async function cycleDetail(deps: Deps, actor: Actor, id?: number) {
  const refused = await requireManager(deps, actor, "cycle.list");
  if (refused) return refused;
  const cycle = id ? await deps.db.cycle.findUnique({ where: { id } }) : await currentCycle(deps.db, deps.clock);
  if (!cycle) return err("manage.cycle.not_found", { id: id ?? 0 });
  // CycleScore keeps each person's earned points per cycle (the leaderboard's table): two index reads.
  const [scores, standings] = await Promise.all([
    deps.db.cycleScore.aggregate({ where: { cycleId: cycle.id, earned: { gt: 0 } }, _sum: { earned: true }, _count: { _all: true } }),
    deps.db.cycleStanding.findMany({ where: { cycleId: cycle.id }, orderBy: { rank: "asc" }, take: 10, select: { rank: true, influencerId: true, points: true, bonus: true } }),
  ]);
  return ok({ ...cycle, pointsEarned: scores._sum.earned ?? 0, participants: scores._count._all, standings });
}

export const auditQuerySchema = z.object({
  actor: text,
  action: text,
  since: z.coerce.date().optional(),
  limit: limitSchema,
});
export type AuditLogQuery = z.input<typeof auditQuerySchema>;

/** The audit log, newest first: `actor` exact, `action` a prefix ("cycle." or "cycle.close"), `since` a date. */
export async function auditLog(deps: Deps, actor: Actor, query: AuditLogQuery) {
  const refused = await requireManager(deps, actor, "audit.view");
  if (refused) return refused;
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) return err("cli.audit.invalid", { field: String(parsed.error.issues[0]?.path[0] ?? "") });
  const q = parsed.data;
  const rows = await deps.db.auditLog.findMany({
    where: { ...(q.actor ? { actor: q.actor } : {}), ...(q.action ? { action: { startsWith: q.action } } : {}), ...(q.since ? { at: { gte: q.since } } : {}) },
    orderBy: { id: "desc" },
    take: q.limit,
  });
  return ok(rows);
}
