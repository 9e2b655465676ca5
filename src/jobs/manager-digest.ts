// manager-digest: once a day, the pending work (reviews, redemptions, failed messages) posted to
// the managers' channel — only when there is something to do, and once per day — with a chart of
// the last 7 UTC days' points and clicks (a PNG uploaded beside the text, its figures as text too).
// The chart's labels are in the program's language, like the channel's other notices.
import { t } from "../i18n/translate.js";
import { pointsAndClicksSpec, type ChartSpec } from "../reports/charts-specs.js";
import { dailyPointsAndClicks } from "../reports/daily-figures.js";
import { nextUtcDay } from "../services/click-rollup.js";
import type { Deps } from "../services/deps.js";
import { currentCycle } from "../services/ledger.js";
import { notifyManagers, pendingWork } from "../services/manager-notices.js";
import type { JobCounts, JobDefinition } from "./types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

async function lastWeekChart(deps: Deps, now: Date): Promise<ChartSpec> {
  const l = deps.config.DEFAULT_LOCALE;
  const to = nextUtcDay(now);
  const cycle = await currentCycle(deps.db, deps.clock);
  const days = await dailyPointsAndClicks(deps.db, { from: new Date(to.getTime() - 7 * DAY_MS), to }, cycle.id);
  return pointsAndClicksSpec(t(l, "web.chart.last_week"), days, { points: t(l, "web.figures.points"), clicks: t(l, "web.figures.clicks") });
}

export async function runManagerDigest(deps: Deps, now: Date): Promise<JobCounts> {
  if (!deps.config.SLACK_MANAGER_CHANNEL) return { posted: false, reason: "SLACK_MANAGER_CHANNEL not set" };
  const work = await pendingWork(deps, new Date(now.getTime() - DAY_MS));
  if (work.review + work.redemptions + work.failed === 0) return { posted: false, reason: "nothing pending", ...work };
  const posted = await notifyManagers(deps, {
    purpose: "manager.digest",
    dedupeKey: `digest:${now.toISOString().slice(0, 10)}`,
    messageId: "notice.digest",
    params: work,
    chart: await lastWeekChart(deps, now),
  });
  return { posted, ...work };
}

export const managerDigestJob: JobDefinition = { name: "manager-digest", cronSetting: "JOB_MANAGER_DIGEST_CRON", run: runManagerDigest };
