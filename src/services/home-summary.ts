// What an App Home shows (platform-free): for a manager, the program at a glance (pending reviews,
// live missions with their figures, the current cycle, failing deliveries); for anyone else only
// their own balance and missions. A fixed number of grouped queries, whatever the program's size.
import { missionTitleFor } from "../domain/content-translations.js";
import { pickLocale } from "../i18n/translate.js";
import { ok, type Result } from "../result.js";
import type { Platform } from "../engine/events.js";
import type { Deps } from "./deps.js";
import { currentCycle } from "./ledger.js";
import { requireManager, type Actor } from "./managers.js";
import { pointsSummary } from "./points.js";
import { reviewQueue, UNDECIDED, type ReviewItem } from "./review.js";
import { missionFigures, cycleFigures, type MissionFigures } from "./stats.js";

export interface ManagerHome {
  pending: ReviewItem[];
  pendingTotal: number;
  live: MissionFigures[];
  cycle: { name: string; endsAt: Date; pointsIssued: number } | null;
  failingDeliveries: number;
}

/** Shown on a Home tab: a few pending reviews with buttons; the rest are counted. */
export const HOME_PENDING_SHOWN = 5;
export const HOME_LIVE_SHOWN = 10;

export async function managerHome(deps: Deps, actor: Actor): Promise<Result<ManagerHome>> {
  const refused = await requireManager(deps, actor, "home.manager");
  if (refused) return refused;
  const live = await deps.db.mission.findMany({ where: { status: "published" }, orderBy: { id: "desc" }, take: HOME_LIVE_SHOWN, select: { id: true } });
  const [queue, pendingTotal, figures, cycle, failingDeliveries] = await Promise.all([
    reviewQueue(deps, actor, { limit: HOME_PENDING_SHOWN }),
    deps.db.submission.count({ where: { status: { in: [...UNDECIDED] } } }),
    live.length ? missionFigures(deps, actor, { missionIds: live.map((m) => m.id) }) : Promise.resolve(ok<MissionFigures[]>([])),
    currentCycle(deps.db, deps.clock),
    deps.db.outboxMessage.count({ where: { status: "failed" } }),
  ]);
  if (!queue.ok) return queue;
  if (!figures.ok) return figures;
  const issued = cycle ? await cycleFigures(deps, actor, cycle.id) : undefined;
  return ok({
    pending: queue.value, pendingTotal, live: figures.value, failingDeliveries,
    cycle: cycle ? { name: cycle.name, endsAt: cycle.endsAt, pointsIssued: issued?.ok ? issued.value.pointsEarned : 0 } : null,
  });
}

export interface InfluencerHome {
  /** false: no active Advo account for this person yet */
  known: boolean;
  /** the language they chose in Advo (wins over Slack's hint) */
  locale: string | null;
  balance: number;
  missions: { id: number; title: string; status: string; deadline: Date }[];
}

export async function influencerHome(deps: Deps, platform: Platform, externalId: string): Promise<InfluencerHome> {
  const account = await deps.db.platformAccount.findFirst({ where: { platform, externalId, influencer: { deletedAt: null } }, select: { influencerId: true, influencer: { select: { locale: true, platformLocale: true } } } });
  if (!account) return { known: false, locale: null, balance: 0, missions: [] };
  const [points, participations] = await Promise.all([
    pointsSummary(deps, account.influencerId, 0),
    deps.db.participation.findMany({
      where: { influencerId: account.influencerId, status: { in: ["accepted", "submitted", "approved"] }, mission: { status: "published" } },
      orderBy: { id: "desc" }, take: 10, select: { status: true, mission: { select: { id: true, title: true, deadline: true, translations: true } } },
    }),
  ]);
  // Titles in the language the Home is shown in (chosen, else the platform's, else the program's).
  const reading = pickLocale(account.influencer.locale, account.influencer.platformLocale, deps.config.DEFAULT_LOCALE);
  return { known: true, locale: account.influencer.locale, balance: points.balance, missions: participations.map((p) => ({ id: p.mission.id, title: missionTitleFor(p.mission, reading), status: p.status, deadline: p.mission.deadline })) };
}

/** Homes republished after a change, at most: the managers who opened theirs most recently. */
export const HOME_READERS_MAX = 200;

/** Remembers that a manager opened their Home tab (a non-manager has no row: nothing happens). */
export async function markHomeOpened(deps: Pick<Deps, "db" | "clock">, platform: Platform, userId: string): Promise<void> {
  await deps.db.manager.updateMany({ where: { platform, externalId: userId }, data: { homeOpenedAt: deps.clock.now() } });
}

/** The managers whose Home is worth republishing after a change: those who opened it (one query). */
export async function homeReaders(deps: Pick<Deps, "db">, platform: Platform, max = HOME_READERS_MAX): Promise<string[]> {
  const rows = await deps.db.manager.findMany({ where: { platform, homeOpenedAt: { not: null } }, orderBy: { homeOpenedAt: "desc" }, take: max, select: { externalId: true } });
  return rows.map((r) => r.externalId);
}
