// Pure chart specs built from report figures: plain data in, a small serialisable spec out.
// Labels come in already translated (the caller owns the i18n), so the same spec drives the
// SVG/PNG rendering and the text alternative, and the two can never disagree.
import { z } from "zod";

export const chartSpecSchema = z.object({
  kind: z.enum(["funnel", "timeSeries", "bar", "pie"]),
  title: z.string().max(200),
  categories: z.array(z.string().max(200)).max(500),
  series: z
    .array(z.object({ name: z.string().max(200), values: z.array(z.number().finite()) }))
    .min(1)
    .max(10),
});
export type ChartSpec = z.infer<typeof chartSpecSchema>;

export const FUNNEL_STAGES = ["invited", "joined", "active", "submitted", "approved", "redeemed"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Invited → joined → active → submitted → approved → redeemed, in that order whatever the input order. */
export function funnelSpec(title: string, counts: Record<FunnelStage, number>, stageLabels: Record<FunnelStage, string>): ChartSpec {
  return {
    kind: "funnel",
    title,
    categories: FUNNEL_STAGES.map((s) => stageLabels[s]),
    series: [{ name: title, values: FUNNEL_STAGES.map((s) => counts[s]) }],
  };
}

export interface DayFigures {
  day: string; // ISO date, e.g. 2026-12-03
  points: number;
  clicks: number;
}

/** Points and clicks per day, days sorted so the line reads left to right. */
export function pointsAndClicksSpec(title: string, days: DayFigures[], names: { points: string; clicks: string }): ChartSpec {
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
  return {
    kind: "timeSeries",
    title,
    categories: sorted.map((d) => d.day),
    series: [
      { name: names.points, values: sorted.map((d) => d.points) },
      { name: names.clicks, values: sorted.map((d) => d.clicks) },
    ],
  };
}

/** The `limit` influencers with the most points, biggest first (ties by name, so output is stable). */
export function topInfluencersSpec(title: string, rows: { name: string; points: number }[], seriesName: string, limit = 10): ChartSpec {
  const top = [...rows].sort((a, b) => b.points - a.points || a.name.localeCompare(b.name)).slice(0, limit);
  return { kind: "bar", title, categories: top.map((r) => r.name), series: [{ name: seriesName, values: top.map((r) => r.points) }] };
}

/** Share per network (telegram, discord, slack…); networks with nothing are left out of the pie. */
export function networkSplitSpec(title: string, rows: { network: string; count: number }[]): ChartSpec {
  const kept = rows.filter((r) => r.count > 0);
  return { kind: "pie", title, categories: kept.map((r) => r.network), series: [{ name: title, values: kept.map((r) => r.count) }] };
}

/** The figures as text, one line per category, numbers in the reader's locale. */
export function chartText(spec: ChartSpec, locale: string): string {
  const fmt = new Intl.NumberFormat(locale);
  const lines = spec.categories.map((c, i) => {
    const values = spec.series.map((s) => (spec.series.length > 1 ? `${s.name} ${fmt.format(s.values[i] ?? 0)}` : fmt.format(s.values[i] ?? 0)));
    return `${c}: ${values.join(", ")}`;
  });
  return [spec.title, ...lines].join("\n");
}
