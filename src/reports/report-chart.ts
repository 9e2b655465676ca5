// The chart beside `/advo report`: clicks per mission (top 10), or per influencer for one
// mission's report — from the report's own figures, so the picture and the text agree. No chart
// when nothing was clicked (an empty bar chart tells nothing).
import type { Locale } from "../config.js";
import { t } from "../i18n/translate.js";
import { topInfluencersSpec, type ChartSpec } from "./charts-specs.js";
import type { MeasurementReport } from "./measurement.js";

const label = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

export function reportChart(report: Pick<MeasurementReport, "missions" | "influencers">, locale: Locale, perInfluencer: boolean): ChartSpec | undefined {
  const rows = perInfluencer
    ? report.influencers.filter((i) => !i.anonymous).map((i) => ({ name: label(i.name ?? `#${i.influencerId}`), points: i.clicks }))
    : report.missions.map((m) => ({ name: label(m.title), points: m.clicks }));
  if (!rows.some((r) => r.points > 0)) return undefined;
  return topInfluencersSpec(t(locale, perInfluencer ? "web.chart.report_influencers" : "web.chart.report_missions"), rows, t(locale, "web.figures.clicks"));
}
