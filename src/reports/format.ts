// The report as text (CLI and `/advo report` in Slack, in the program's language) and as CSV
// (one row per mission, then one per influencer; money in major units).
import { stringify } from "csv-stringify/sync";
import { csvCell } from "../exports/csv.js";
import type { Locale } from "../config.js";
import { t } from "../i18n/translate.js";
import type { Figures, MeasurementReport } from "./measurement.js";

const FIGURES: (keyof Figures)[] = [
  "accepted", "submitted", "approved", "previews", "clicks", "uniqueClicks", "conversions", "otherCurrencyConversions",
  "revenue", "refunds", "points", "conversionPoints", "cost", "roi", "costPerClick", "costPerConversion",
  "measuredPosts", "views", "likes", "comments",
];

export function reportCsv(r: MeasurementReport): string {
  const rows: unknown[][] = [["level", "id", "name", "currency", ...FIGURES]];
  for (const m of r.missions) rows.push(["mission", m.missionId, m.title, r.currency, ...FIGURES.map((f) => m[f] ?? "")]);
  for (const i of r.influencers) rows.push(["influencer", i.influencerId ?? "", i.anonymous ? "(erased)" : (i.name ?? ""), r.currency, ...FIGURES.map((f) => i[f] ?? "")]);
  // Names and titles are typed by influencers and managers: a cell starting with = + - @ is
  // neutralised as in the exports (csvCell), or a spreadsheet would run it as a formula.
  return stringify(rows.map((row) => row.map(csvCell)));
}

const money = (v: number, currency: string, locale: Locale) => new Intl.NumberFormat(locale, { style: "currency", currency }).format(v);

export function reportText(r: MeasurementReport, locale: Locale): string {
  if (!r.missions.length) return t(locale, "manage.report.empty");
  const roi = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(0)} %`);
  const lines = [t(locale, "manage.report.title", { currency: r.currency })];
  for (const m of r.missions) {
    lines.push(`- ${t(locale, "manage.report.mission_row", {
      title: m.title, id: m.missionId, accepted: m.accepted, approved: m.approved, clicks: m.clicks, unique: m.uniqueClicks, previews: m.previews,
      conversions: m.conversions, revenue: money(m.revenue, r.currency, locale), cost: money(m.cost, r.currency, locale), roi: roi(m.roi),
    })}`);
    if (m.measuredPosts) lines.push(`  ${t(locale, "measurement.report.engagement_row", { posts: m.measuredPosts, views: m.views, likes: m.likes, comments: m.comments })}`);
  }
  const other = r.missions.reduce((n, m) => n + m.otherCurrencyConversions, 0);
  if (other) lines.push(t(locale, "manage.report.other_currency", { count: other }));
  if (r.unattributed.conversions) lines.push(t(locale, "manage.report.unattributed", { count: r.unattributed.conversions }));
  lines.push(t(locale, "manage.report.note"));
  return lines.join("\n");
}
