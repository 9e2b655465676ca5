// The overview page: what needs attention, then the selected cycle's figures — funnel, points
// issued, clicks, conversions, revenue, ROI — from the managers' measurement report (the same
// service as `/advo report`, without its per-influencer rows), with the charts drawn on the
// server as inline SVG and the same figures as text for screen readers. Every read is grouped.
import { z } from "zod";
import { t } from "../i18n/translate.js";
import { chartText, FUNNEL_STAGES, funnelSpec, networkSplitSpec, pointsAndClicksSpec, renderChartSvg, topInfluencersSpec, type ChartSpec } from "../reports/charts.js";
import { dailyPointsAndClicks } from "../reports/daily-figures.js";
import { nextUtcDay } from "../services/click-rollup.js";
import { networkSplit } from "../reports/network-split.js";
import { funnelCounts } from "../reports/funnel.js";
import type { Deps } from "../services/deps.js";
import { currentCycle } from "../services/ledger.js";
import { topScores } from "../services/leaderboard.js";
import { cycleMissionIds, measurementReport } from "../services/report.js";
import { listCycles } from "../services/cycles.js";
import { esc } from "./layout.js";
import { formatDay, formatMoney, formatNumber, formatRoi, type Reader } from "./reader.js";

const DAY_MS = 86_400_000;
export const overviewQuery = z.object({ cycle: z.coerce.number().int().positive().optional().catch(undefined) });

/** An inline chart: the SVG is decoration for sighted readers, the text beside it carries the figures. */
export function chartFigure(spec: ChartSpec, reader: Reader, label: string): string {
  const svg = renderChartSvg(spec, { width: 640, height: 360, locale: reader.locale });
  return `<figure><div class="chart" aria-hidden="true">${svg}</div>` +
    `<figcaption><details><summary>${esc(label)}</summary><pre>${esc(chartText(spec, reader.locale))}</pre></details></figcaption></figure>`;
}

async function attention(deps: Deps, reader: Reader): Promise<string> {
  const now = deps.clock.now();
  const [pending, failing, ending] = await Promise.all([
    deps.db.submission.count({ where: { status: "needs_review" } }),
    deps.db.outboxMessage.count({ where: { status: { in: ["failed", "unreachable"] } } }),
    deps.db.mission.count({ where: { status: "published", deadline: { gte: now, lte: new Date(now.getTime() + 3 * DAY_MS) } } }),
  ]);
  const l = reader.locale;
  const reviews = esc(t(l, "web.overview.pending_reviews", { count: pending }));
  return `<h2>${esc(t(l, "web.overview.attention"))}</h2><ul><li>${reader.may("/dashboard/review") ? `<a href="/dashboard/review">${reviews}</a>` : reviews}</li>` +
    `<li>${esc(t(l, "web.overview.failing_deliveries", { count: failing }))}</li><li><a href="/dashboard/missions">${esc(t(l, "web.overview.missions_ending", { count: ending }))}</a></li></ul>`;
}

export async function overviewBody(deps: Deps, reader: Reader, query: z.infer<typeof overviewQuery>): Promise<string> {
  const l = reader.locale;
  const cycleId = query.cycle ?? (await currentCycle(deps.db, deps.clock)).id;
  // Every read starts at once, each waiting only for what it needs (the cycle's window, the
  // report's missions): on PostgreSQL they run side by side on the pool's connections.
  const cyclesRead = listCycles(deps, reader.actor);
  const reportRead = measurementReport(deps, reader.actor, { cycleId, people: false });
  const windowRead = cyclesRead.then(async (cycles) => {
    // the picker lists the latest 50: an older cycle asked for by id is read on its own
    const cycle = (cycles.ok ? cycles.value.find((c) => c.id === cycleId) : undefined) ?? (await deps.db.cycle.findUnique({ where: { id: cycleId } })) ?? undefined;
    return { cycle, window: { from: cycle?.startsAt ?? new Date(0), to: cycle?.endsAt ?? deps.clock.now() } };
  });
  const chartsRead = windowRead.then(({ cycle, window }) => {
    // The time chart runs to the end of today in an open cycle (no empty future days).
    const soFar = { from: window.from, to: new Date(Math.min(window.to.getTime(), nextUtcDay(deps.clock.now()).getTime())) };
    // no such cycle (the report says so): nothing to draw, and no read over all time
    return Promise.all([
      cycle ? networkSplit(deps.db, window) : Promise.resolve([]), cycle ? topScores(deps.db, cycleId, 10) : Promise.resolve([]),
      cycle && soFar.to > soFar.from ? dailyPointsAndClicks(deps.db, soFar, cycleId) : Promise.resolve([]),
    ]);
  });
  // The funnel needs the report's missions, not its figures: it reads them itself and runs beside
  // the per-mission figures (the page's longest read) instead of after them.
  const funnelRead = windowRead.then(async ({ cycle, window }) =>
    cycle ? funnelCounts(deps.db, { cycleId, ...window, missionIds: await cycleMissionIds(deps.db, cycle) }) : undefined);
  const [head, cycles, report, { cycle }, [networks, leaders, days], funnel] = await Promise.all([attention(deps, reader), cyclesRead, reportRead, windowRead, chartsRead, funnelRead]);
  if (!report.ok || !funnel) return head + (report.ok ? "" : `<p>${esc(t(l, report.error as never, report.params ?? {}))}</p>`);
  const r = report.value;
  const picker = cycles.ok
    ? `<form method="get" action="/dashboard"><label>${esc(t(l, "web.overview.period"))} <select name="cycle">` +
      cycles.value.map((c) => `<option value="${c.id}"${c.id === cycleId ? " selected" : ""}>${esc(`${c.name} (${formatDay(reader, c.startsAt)} – ${formatDay(reader, c.endsAt)})`)}</option>`).join("") +
      `</select></label> <button>${esc(t(l, "web.directory.apply"))}</button></form>`
    : "";
  const stageLabels = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, t(l, `web.funnel.${s}`)])) as Record<(typeof FUNNEL_STAGES)[number], string>;
  const points = r.cycle?.points ?? r.totals.points;
  const cost = r.cycle?.cost ?? r.totals.cost;
  const figure = (id: Parameters<typeof t>[1], value: string) => `<div class="figure"><dt>${esc(t(l, id))}</dt><dd>${esc(value)}</dd></div>`;
  const figures = `<dl class="figures">` +
    figure("web.figures.points", formatNumber(reader, points)) + figure("web.figures.clicks", formatNumber(reader, r.totals.clicks)) +
    figure("web.figures.conversions", formatNumber(reader, r.totals.conversions)) + figure("web.figures.revenue", formatMoney(reader, r.totals.revenue, r.currency)) +
    figure("web.figures.cost", formatMoney(reader, cost, r.currency)) + figure("web.figures.roi", formatRoi(reader, r.totals.roi)) + `</dl>`;
  // The cycle's standings (kept up to date with the ledger, an index read), not a row per person.
  const top = leaders.map((i) => ({ name: i.name ?? `#${i.influencerId}`, points: i.points }));
  const charts = `<section id="charts">` +
    chartFigure(funnelSpec(t(l, "web.chart.funnel"), funnel, stageLabels), reader, t(l, "web.chart.as_text")) +
    (days.length ? chartFigure(pointsAndClicksSpec(t(l, "web.chart.over_time"), days, { points: t(l, "web.figures.points"), clicks: t(l, "web.figures.clicks") }), reader, t(l, "web.chart.as_text")) : "") +
    (top.length ? chartFigure(topInfluencersSpec(t(l, "web.chart.top"), top, t(l, "web.figures.points")), reader, t(l, "web.chart.as_text")) : "") +
    (networks.some((n) => n.count > 0) ? chartFigure(networkSplitSpec(t(l, "web.chart.networks"), networks), reader, t(l, "web.chart.as_text")) : "") +
    `</section>`;
  return head + `<h2>${esc(t(l, "web.overview.figures", { cycle: cycle?.name ?? String(cycleId) }))}</h2>` + picker + figures + charts;
}
