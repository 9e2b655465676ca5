// The measurement report: per mission and per influencer — accepted, submitted, approved,
// previews, clicks, unique clicks, conversions, revenue net of refunds, cost, ROI — built from a
// fixed number of aggregate queries (src/reports/figures-sql.ts), whatever the program's size.
// Money: integer minor units inside, decimals in major units out. Revenue counts only orders in
// PROGRAM_CURRENCY (no exchange rates); others are counted in otherCurrencyConversions.
// Cost = points paid for the mission's posts and its sales (pointsPerConversion, net of refunds) × POINT_VALUE; ROI = (revenue − cost) / cost, null at cost 0.
import type { AppConfig } from "../config.js";
import type { Db } from "../db/client.js";
import { currencyExponent, fromMinorUnits } from "../domain/tracking.js";
import { clientProvider } from "../services/bulk-insert.js";
import { rollupWatermark } from "../services/click-rollup.js";
import { figuresByMission, figuresByMissionAndPerson, unattributedFigures, type FigureScope, type SqlFigures, type Window } from "./figures-sql.js";

export interface Figures {
  accepted: number;
  submitted: number;
  approved: number;
  previews: number;
  clicks: number;
  /** sum of daily unique visitors (the visitor hash's salt changes every day) */
  uniqueClicks: number;
  conversions: number;
  otherCurrencyConversions: number;
  revenue: number;
  refunds: number;
  /** every point paid for the mission: its posts and its sales (net of refunds) */
  points: number;
  /** of which points per attributed sale, net of refunds (missions with pointsPerConversion) */
  conversionPoints: number;
  cost: number;
  roi: number | null;
  /** engagement where known: the latest reading of each approved post (YouTube API or self-reported) */
  views: number;
  likes: number;
  comments: number;
  /** approved posts with at least one reading (the others' reach is unknown) */
  measuredPosts: number;
  costPerClick: number | null;
  costPerConversion: number | null;
}

export interface MissionRow extends Figures { missionId: number; title: string }
/** influencerId and name are null on the one row that sums every erased person */
export interface InfluencerRow extends Figures { influencerId: number | null; name: string | null; anonymous: boolean }

export interface MeasurementReport {
  currency: string;
  scope: { missionId?: number; cycleId?: number; from?: string; to?: string };
  uniqueClicksNote: string;
  missions: MissionRow[];
  influencers: InfluencerRow[];
  totals: Figures;
  unattributed: { conversions: number; revenue: number };
  queries: number;
}

type Raw = { accepted: number; submitted: number; approved: number; previews: number; clicks: number; uniqueClicks: number; conversions: number; other: number; revenueMinor: number; refundMinor: number; points: number; conversionPoints: number; views: number; likes: number; comments: number; measuredPosts: number };
const blank = (): Raw => ({ views: 0, likes: 0, comments: 0, measuredPosts: 0,  accepted: 0, submitted: 0, approved: 0, previews: 0, clicks: 0, uniqueClicks: 0, conversions: 0, other: 0, revenueMinor: 0, refundMinor: 0, points: 0, conversionPoints: 0 });

function add(into: Raw, from: Partial<Raw>): void {
  for (const [k, v] of Object.entries(from) as [keyof Raw, number][]) into[k] += v;
}

/** POINT_VALUE "0.10" × points, in minor units of the currency, rounded once at the end. */
export function costMinor(points: number, pointValue: string, currency: string): number {
  const [int = "0", frac = ""] = pointValue.trim().split(".");
  const scale = 10 ** frac.length;
  const value = Number(int) * scale + Number(frac || "0");
  return Math.round((points * value * 10 ** (currencyExponent(currency) ?? 2)) / scale);
}

function finish(r: Raw, config: Pick<AppConfig, "POINT_VALUE" | "PROGRAM_CURRENCY">): Figures {
  const cur = config.PROGRAM_CURRENCY;
  const cost = costMinor(r.points, config.POINT_VALUE, cur);
  const net = r.revenueMinor - r.refundMinor;
  const money = (m: number) => fromMinorUnits(m, cur);
  const ratio = (a: number, b: number) => (b === 0 ? null : Number((a / b).toFixed(4)));
  return {
    accepted: r.accepted, submitted: r.submitted, approved: r.approved, previews: r.previews, clicks: r.clicks, uniqueClicks: r.uniqueClicks,
    conversions: r.conversions, otherCurrencyConversions: r.other, revenue: money(net), refunds: money(r.refundMinor), points: r.points, conversionPoints: r.conversionPoints, views: r.views, likes: r.likes, comments: r.comments, measuredPosts: r.measuredPosts, cost: money(cost),
    roi: ratio(net - cost, cost), costPerClick: r.clicks ? money(Math.round(cost / r.clicks)) : null, costPerConversion: r.conversions ? money(Math.round(cost / r.conversions)) : null,
  };
}

export interface ReportScope {
  missionIds: number[];
  window?: Window;
  cycleId?: number;
  /** false: no per-influencer rows (the dashboard's overview needs only the totals; half the work) */
  people?: boolean;
}

export async function buildReport(db: Db, config: Pick<AppConfig, "POINT_VALUE" | "PROGRAM_CURRENCY">, scope: ReportScope & { label?: MeasurementReport["scope"] }): Promise<MeasurementReport> {
  const provider = clientProvider(db);
  const cur = config.PROGRAM_CURRENCY;
  const figureScope: FigureScope = { missionIds: scope.missionIds, window: scope.window, cycleId: scope.cycleId, currency: cur, rolledUpUntil: await rollupWatermark(db) };
  const [missions, { byMission: perMission, people: perPerson }, unattributed] = await Promise.all([
    db.mission.findMany({ where: { id: { in: scope.missionIds } }, select: { id: true, title: true }, orderBy: { id: "asc" } }),
    scope.people === false
      ? figuresByMission(db, provider, figureScope).then((byMission) => ({ byMission, people: [] }))
      : figuresByMissionAndPerson(db, provider, figureScope),
    unattributedFigures(db, provider, cur, scope.window),
  ]);
  const raw = (f: SqlFigures | undefined): Raw => (f
    ? { accepted: f.accepted, submitted: f.submitted, approved: f.approved, previews: f.previews, clicks: f.clicks, uniqueClicks: f.uniques, conversions: f.conversions, other: f.other, revenueMinor: f.revenueMinor, refundMinor: f.refundMinor, points: f.points, conversionPoints: f.conversionPoints, views: f.views, likes: f.likes, comments: f.comments, measuredPosts: f.measuredPosts }
    : blank());

  // Erased people (privacy) are summed into one anonymous row.
  const anonymous = blank();
  let anyErased = false;
  const influencers: InfluencerRow[] = [];
  for (const p of perPerson) {
    if (p.erased) {
      anyErased = true;
      add(anonymous, raw(p));
    } else influencers.push({ influencerId: p.influencerId, name: p.name, anonymous: false, ...finish(raw(p), config) });
  }
  influencers.sort((a, b) => b.revenue - a.revenue || b.clicks - a.clicks || (a.influencerId ?? 0) - (b.influencerId ?? 0));
  if (anyErased) influencers.push({ influencerId: null, name: null, anonymous: true, ...finish(anonymous, config) });

  const total = blank();
  for (const f of perMission.values()) add(total, raw(f));
  return {
    currency: cur,
    scope: scope.label ?? {},
    uniqueClicksNote: "uniqueClicks is a sum of daily unique visitors (the visitor hash is salted per day, so one person on two days counts twice)",
    missions: missions.map((m) => ({ missionId: m.id, title: m.title, ...finish(raw(perMission.get(m.id)), config) })),
    influencers,
    totals: finish(total, config),
    unattributed: { conversions: unattributed.conversions, revenue: fromMinorUnits(unattributed.revenueMinor, cur) },
    queries: 4,
  };
}
