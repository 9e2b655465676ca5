// Points and clicks per day for the overview's time chart: grouped queries, one row per day,
// never one per click or entry. Days are UTC days — the click rollup (ClickDaily) is kept per UTC
// day, and a day split by the reader's zone could not be read from it — and the chart says so.
// Points: what the cycle earned inside the window (the same kinds as the overview's "points
// issued", so over the cycle the days add up to it). Clicks: every tracking link's clicks, previews left out; whole rolled-up days from
// MissionClickDaily (ClickDaily summed per mission, links of no mission included), the rest (today, the partial ends, the days after the watermark) from Click.
import { EARNING_KINDS } from "../domain/cycle-close.js";
import type { Db } from "../db/client.js";
import { clientProvider } from "../services/bulk-insert.js";
import { nextUtcDay, rollupWatermark, utcDayStart } from "../services/click-rollup.js";
import type { DayFigures } from "./charts-specs.js";
import { clickSpans, type Window } from "./figures-sql.js";

const MAX_DAYS = 500; // the chart spec's category cap: a longer window shows its last 500 days

export async function dailyPointsAndClicks(db: Db, window: Window, cycleId: number): Promise<DayFigures[]> {
  const pg = clientProvider(db) === "postgresql";
  const day = (col: string) => (pg ? `to_char(${col}, 'YYYY-MM-DD')` : `SUBSTR(${col}, 1, 10)`);
  const p = (n: number) => (pg ? `$${n}` : "?");
  const kinds = [...EARNING_KINDS, "bonus"];
  const spans = clickSpans(window, await rollupWatermark(db));
  // Whole UTC days (a cycle's bounds are): the points come from LedgerDaily, a row per day and kind
  // kept by triggers with every ledger write; any other window reads the ledger itself.
  const wholeDays = utcDayStart(window.from).getTime() === window.from.getTime() && utcDayStart(window.to).getTime() === window.to.getTime();
  const isoDay = (d: Date) => d.toISOString().slice(0, 10);
  const [points, rolled, ...raw] = await Promise.all([
    wholeDays ? db.$queryRawUnsafe<{ d: string; n: unknown }[]>(
      `SELECT d."day" AS d, SUM(d."amount") AS n FROM "LedgerDaily" d
       WHERE d."cycleId" = ${p(1)} AND d."day" >= ${p(2)} AND d."day" < ${p(3)} AND d."kind" IN (${kinds.map((_, i) => p(i + 4)).join(", ")})
       GROUP BY d."day"`,
      cycleId, isoDay(window.from), isoDay(window.to), ...kinds,
    ) : db.$queryRawUnsafe<{ d: string; n: unknown }[]>(
      `SELECT ${day(`e."createdAt"`)} AS d, SUM(e."amount") AS n FROM "LedgerEntry" e
       WHERE e."cycleId" = ${p(1)} AND e."createdAt" >= ${p(2)} AND e."createdAt" < ${p(3)} AND e."kind" IN (${kinds.map((_, i) => p(i + 4)).join(", ")})
       GROUP BY ${day(`e."createdAt"`)}`,
      cycleId, window.from, window.to, ...kinds,
    ),
    spans.rolled
      ? db.missionClickDaily.groupBy({ by: ["day"], where: { day: { gte: spans.rolled.from, lt: spans.rolled.to } }, _sum: { clicks: true } })
      : Promise.resolve([]),
    ...spans.raw.map((s) => db.$queryRawUnsafe<{ d: string; n: unknown }[]>(
      `SELECT ${day(`c."at"`)} AS d, SUM(CASE WHEN c."preview" THEN 0 ELSE 1 END) AS n FROM "Click" c
       WHERE c."at" >= ${p(1)} AND c."at" < ${p(2)} GROUP BY ${day(`c."at"`)}`,
      s.from ?? window.from, s.to ?? window.to,
    )),
  ]);
  const days = new Map<string, DayFigures>();
  const at = (d: string) => days.get(d) ?? days.set(d, { day: d, points: 0, clicks: 0 }).get(d)!;
  // Every day of the window up to its end (today for an open cycle), so quiet days show as zero.
  const last = utcDayStart(new Date(window.to.getTime() - 1));
  for (let d = utcDayStart(window.from); d <= last; d = nextUtcDay(d)) at(d.toISOString().slice(0, 10));
  for (const r of points) at(String(r.d)).points += Number(r.n ?? 0);
  for (const r of rolled) at(r.day.toISOString().slice(0, 10)).clicks += r._sum.clicks ?? 0;
  for (const rows of raw) for (const r of rows) at(String(r.d)).clicks += Number(r.n ?? 0);
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day)).slice(-MAX_DAYS);
}
