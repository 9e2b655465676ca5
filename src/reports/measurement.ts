// The measurement report: per mission and per influencer — accepted, submitted, approved,
// previews, clicks, unique clicks, conversions, revenue net of refunds, cost, ROI — built from a
// fixed number of grouped queries (src/reports/queries.ts), whatever the program's size.
// Money: integer minor units inside, decimals in major units out. Revenue counts only orders in
// PROGRAM_CURRENCY (no exchange rates); others are counted in otherCurrencyConversions.
// Cost = points paid for the mission's posts × POINT_VALUE; ROI = (revenue − cost) / cost, null at cost 0.
import type { AppConfig } from "../config.js";
import type { Db } from "../db/client.js";
import { currencyExponent, fromMinorUnits } from "../domain/tracking.js";
import { clientProvider } from "../services/bulk-insert.js";
import { acceptedFigures, clickFigures, conversionFigures, missionPoints, submissionFigures, type Window } from "./queries.js";

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
  points: number;
  cost: number;
  roi: number | null;
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

type Raw = { accepted: number; submitted: number; approved: number; previews: number; clicks: number; uniqueClicks: number; conversions: number; other: number; revenueMinor: number; refundMinor: number; points: number };
const blank = (): Raw => ({ accepted: 0, submitted: 0, approved: 0, previews: 0, clicks: 0, uniqueClicks: 0, conversions: 0, other: 0, revenueMinor: 0, refundMinor: 0, points: 0 });

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
    conversions: r.conversions, otherCurrencyConversions: r.other, revenue: money(net), refunds: money(r.refundMinor), points: r.points, cost: money(cost),
    roi: ratio(net - cost, cost), costPerClick: r.clicks ? money(Math.round(cost / r.clicks)) : null, costPerConversion: r.conversions ? money(Math.round(cost / r.conversions)) : null,
  };
}

export interface ReportScope {
  missionIds: number[];
  window?: Window;
  cycleId?: number;
}

export async function buildReport(db: Db, config: Pick<AppConfig, "POINT_VALUE" | "PROGRAM_CURRENCY">, scope: ReportScope & { label?: MeasurementReport["scope"] }): Promise<MeasurementReport> {
  const provider = clientProvider(db);
  const ids = scope.missionIds;
  const cur = config.PROGRAM_CURRENCY;
  const [missions, accepted, subs, clicks, points, conv] = await Promise.all([
    db.mission.findMany({ where: { id: { in: ids } }, select: { id: true, title: true }, orderBy: { id: "asc" } }),
    acceptedFigures(db, ids, scope.window),
    submissionFigures(db, ids, scope.window),
    clickFigures(db, provider, ids, scope.window),
    missionPoints(db, provider, ids, scope.cycleId),
    conversionFigures(db, ids, scope.window),
  ]);
  const byMission = new Map<number, Raw>(ids.map((id) => [id, blank()]));
  const byInfluencer = new Map<number, Raw>();
  const unattributed = blank();
  const put = (missionId: number | null, influencerId: number | null, f: Partial<Raw>) => {
    if (missionId === null || !byMission.has(missionId)) return add(unattributed, f);
    add(byMission.get(missionId)!, f);
    if (influencerId === null) return;
    if (!byInfluencer.has(influencerId)) byInfluencer.set(influencerId, blank());
    add(byInfluencer.get(influencerId)!, f);
  };
  for (const a of accepted) put(a.missionId, a.influencerId, { accepted: a.count });
  for (const s of subs) put(s.missionId, s.influencerId, { submitted: s.count, approved: s.status === "verified" || s.status === "approved" ? s.count : 0 });
  for (const c of clicks) put(c.missionId, c.influencerId, { clicks: c.clicks, previews: c.previews, uniqueClicks: c.uniqueClicks });
  for (const p of points) put(p.missionId, p.influencerId, { points: p.points });
  for (const c of conv) {
    const same = c.currency === cur;
    if (c.kind === "refund") put(c.missionId, c.influencerId, same ? { refundMinor: c.amountMinor } : {});
    else put(c.missionId, c.influencerId, same ? { conversions: c.count, revenueMinor: c.amountMinor } : { conversions: c.count, other: c.count });
  }

  // Names in one read; erased people (privacy) are summed into one anonymous row.
  const people = byInfluencer.size
    ? await db.influencer.findMany({ where: { id: { in: [...byInfluencer.keys()] } }, select: { id: true, displayName: true, deletedAt: true, status: true } })
    : [];
  const erasedIds = new Set(people.filter((p) => p.deletedAt || p.status === "deleted").map((p) => p.id));
  const nameOf = new Map(people.map((p) => [p.id, p.displayName]));
  const anonymous = blank();
  const influencers: InfluencerRow[] = [];
  for (const [influencerId, raw] of byInfluencer) {
    if (erasedIds.has(influencerId) || !nameOf.has(influencerId)) add(anonymous, raw);
    else influencers.push({ influencerId, name: nameOf.get(influencerId) ?? null, anonymous: false, ...finish(raw, config) });
  }
  influencers.sort((a, b) => b.revenue - a.revenue || b.clicks - a.clicks || (a.influencerId ?? 0) - (b.influencerId ?? 0));
  if (erasedIds.size || [...byInfluencer.keys()].some((id) => !nameOf.has(id))) influencers.push({ influencerId: null, name: null, anonymous: true, ...finish(anonymous, config) });

  const total = blank();
  for (const raw of byMission.values()) add(total, raw);
  const unattributedFigures = finish(unattributed, config);
  return {
    currency: cur,
    scope: scope.label ?? {},
    uniqueClicksNote: "uniqueClicks is a sum of daily unique visitors (the visitor hash is salted per day, so one person on two days counts twice)",
    missions: missions.map((m) => ({ missionId: m.id, title: m.title, ...finish(byMission.get(m.id)!, config) })),
    influencers,
    totals: finish(total, config),
    unattributed: { conversions: unattributedFigures.conversions, revenue: unattributedFigures.revenue },
    queries: 6 + (byInfluencer.size ? 1 : 0),
  };
}
