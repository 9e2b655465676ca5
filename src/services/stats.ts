// Program figures from grouped queries (a fixed number of queries, never one per row):
// per mission — offered, accepted, submitted, verified, rejected, points paid;
// per cycle — active influencers, submissions, points earned/redeemed, top influencers.
import { referralFigures } from "./referrals-figures.js";
import type { Locale } from "../config.js";
import { EARNING_KINDS } from "../domain/cycle-close.js";
import { t } from "../i18n/translate.js";
import { err, ok, type Result } from "../result.js";
import type { Deps } from "./deps.js";
import { currentCycle } from "./ledger.js";
import { requireManager, type Actor } from "./managers.js";
import { clicksByMission } from "./tracking.js";

export interface MissionFigures {
  missionId: number;
  title: string;
  status: string;
  offered: number;
  accepted: number;
  submitted: number;
  verified: number;
  rejected: number;
  pointsPaid: number;
  /** visits through the mission's tracking links */
  clicks: number;
}

const EVER_ACCEPTED = new Set(["accepted", "submitted", "approved", "rejected", "expired"]);

export async function missionFigures(deps: Deps, actor: Actor, options: { missionIds?: number[]; limit?: number } = {}): Promise<Result<MissionFigures[]>> {
  const refused = await requireManager(deps, actor, "stats.missions");
  if (refused) return refused;
  const missions = await deps.db.mission.findMany({
    where: options.missionIds ? { id: { in: options.missionIds } } : { status: { not: "draft" } },
    orderBy: { id: "desc" }, take: options.limit ?? 20, select: { id: true, title: true, status: true },
  });
  const ids = missions.map((m) => m.id);
  if (!ids.length) return ok([]);
  const [offered, participations, submissions, paid] = await Promise.all([
    deps.db.outboxMessage.groupBy({ by: ["batchKey"], where: { batchKey: { in: ids.map((id) => `mission:${id}:announce`) } }, _count: { _all: true } }),
    deps.db.participation.groupBy({ by: ["missionId", "status"], where: { missionId: { in: ids } }, _count: { _all: true } }),
    deps.db.submission.groupBy({ by: ["missionId", "status"], where: { missionId: { in: ids } }, _count: { _all: true } }),
    pointsPaidByMission(deps, ids),
  ]);
  const figures = new Map<number, MissionFigures>(missions.map((m) => [m.id, { missionId: m.id, title: m.title, status: m.status, offered: 0, accepted: 0, submitted: 0, verified: 0, rejected: 0, pointsPaid: 0, clicks: 0 }]));
  for (const o of offered) {
    const id = Number(o.batchKey?.split(":")[1]);
    const f = figures.get(id);
    if (f) f.offered = o._count._all;
  }
  for (const p of participations) {
    const f = figures.get(p.missionId)!;
    if (EVER_ACCEPTED.has(p.status)) f.accepted += p._count._all;
  }
  for (const s of submissions) {
    const f = figures.get(s.missionId)!;
    if (s.status === "withdrawn") continue; // an erased person's: not part of the program's figures
    f.submitted += s._count._all;
    if (s.status === "verified" || s.status === "approved") f.verified += s._count._all;
    if (s.status === "rejected") f.rejected += s._count._all;
  }
  for (const [id, n] of await clicksByMission(deps, ids)) figures.get(id)!.clicks = n;
  for (const p of paid) figures.get(Number(p.missionId))!.pointsPaid = Number(p.points ?? 0);
  return ok([...figures.values()]);
}

/**
 * Points paid for the verified posts of these missions: one grouped join over the ledger's
 * `reference` index. (It was a list of every verified submission's reference passed back as
 * parameters: thousands per mission, past SQLite's parameter limit and 16 s on a busy PostgreSQL.)
 */
function pointsPaidByMission(deps: Pick<Deps, "db">, missionIds: number[]): Promise<{ missionId: number | bigint; points: number | bigint | null }[]> {
  const list = missionIds.map((id) => Math.trunc(id)).join(", ");
  return deps.db.$queryRawUnsafe(
    `SELECT s."missionId" AS "missionId", SUM(l."amount") AS "points"
     FROM "Submission" s JOIN "LedgerEntry" l ON l."reference" = 'submission:' || s."id" AND l."kind" = 'mission'
     WHERE s."missionId" IN (${list}) AND s."status" IN ('verified', 'approved')
     GROUP BY s."missionId"`,
  );
}

export interface CycleFigures {
  cycleId: number;
  name: string;
  status: string;
  activeInfluencers: number;
  submissions: number;
  pointsEarned: number;
  pointsRedeemed: number;
  top: { influencerId: number; name: string | null; points: number }[];
}

export async function cycleFigures(deps: Deps, actor: Actor, cycleId?: number): Promise<Result<CycleFigures>> {
  const refused = await requireManager(deps, actor, "stats.cycle");
  if (refused) return refused;
  const cycle = cycleId ? await deps.db.cycle.findUnique({ where: { id: cycleId } }) : await currentCycle(deps.db, deps.clock);
  if (!cycle) return err("manage.cycle.not_found", { id: cycleId ?? 0 });
  const [active, submissions, byKind, top] = await Promise.all([
    deps.db.influencer.count({ where: { status: "active" } }),
    deps.db.submission.count({ where: { createdAt: { gte: cycle.startsAt, lt: cycle.endsAt }, status: { not: "withdrawn" } } }),
    deps.db.ledgerEntry.groupBy({ by: ["kind"], where: { cycleId: cycle.id }, _sum: { amount: true } }),
    deps.db.ledgerEntry.groupBy({
      by: ["influencerId"], where: { cycleId: cycle.id, kind: { in: [...EARNING_KINDS] }, influencer: { deletedAt: null } },
      _sum: { amount: true }, orderBy: { _sum: { amount: "desc" } }, take: 5,
    }),
  ]);
  const sum = (kind: string) => byKind.find((k) => k.kind === kind)?._sum.amount ?? 0;
  const names = top.length ? await deps.db.influencer.findMany({ where: { id: { in: top.map((x) => x.influencerId) } }, select: { id: true, displayName: true } }) : [];
  return ok({
    cycleId: cycle.id, name: cycle.name, status: cycle.status, activeInfluencers: active, submissions,
    pointsEarned: EARNING_KINDS.reduce((n, k) => n + sum(k), 0) + sum("bonus"),
    pointsRedeemed: 0 - (sum("redemption") + sum("refund")) + 0,
    top: top.map((x) => ({ influencerId: x.influencerId, name: names.find((n) => n.id === x.influencerId)?.displayName ?? null, points: x._sum.amount ?? 0 })),
  });
}

/** The compact text report behind /stats and `advo stats`. */
export async function statsReport(deps: Deps, actor: Actor, locale: Locale): Promise<Result<{ text: string; cycle: CycleFigures; missions: MissionFigures[] }>> {
  const cycle = await cycleFigures(deps, actor);
  if (!cycle.ok) return cycle;
  const missions = await missionFigures(deps, actor, { limit: 10 });
  if (!missions.ok) return missions;
  const c = cycle.value;
  const referrals = await referralFigures(deps.db);
  const lines = [
    t(locale, "manage.stats.cycle", { name: c.name, active: c.activeInfluencers, submissions: c.submissions, earned: c.pointsEarned, redeemed: c.pointsRedeemed }),
    c.top.length ? t(locale, "manage.stats.top", { list: c.top.map((x, i) => `${i + 1}. ${x.name ?? `#${x.influencerId}`} ${x.points}`).join(" · ") }) : t(locale, "manage.stats.top_none"),
    ...(referrals.codes ? [t(locale, "growth.referral.stats", { codes: referrals.codes, joined: referrals.joined, onboarded: referrals.onboarded, firstPosts: referrals.firstPosts, points: referrals.points })] : []),
    ...missions.value.map((m) => t(locale, "manage.stats.mission", { id: m.missionId, title: m.title, status: t(locale, "status.word", { status: m.status }), offered: m.offered, accepted: m.accepted, submitted: m.submitted, verified: m.verified, rejected: m.rejected, paid: m.pointsPaid, clicks: m.clicks })),
  ];
  return ok({ text: lines.join("\n"), cycle: c, missions: missions.value });
}
