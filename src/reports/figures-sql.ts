// The measurement report's figures as two aggregate queries (per mission, per influencer), each a
// UNION ALL of every source — participations, submissions, clicks, points, conversions — summed
// in the database, so the application reads one row per mission or per person, never one per
// (mission, influencer) pair or per click. Clicks come from the daily rollup (ClickDaily) for the
// whole UTC days before the rollup watermark that lie inside the window, and from Click itself for
// the rest (see clickSpans). Per mission only (the overview, the missions table), rolled-up clicks
// come from MissionClickDaily and points from LedgerDaily, a row per mission and day instead of one
// per link or entry (test/reports/overview-rollups.test.ts holds them equal to the raw tables).
// Portable SQL (SQLite and PostgreSQL); values are bound parameters.
import type { Db } from "../db/client.js";
import type { Provider } from "../db/provider.js";
import { nextUtcDay, utcDayStart } from "../services/click-rollup.js";

export interface Window {
  from: Date;
  to: Date;
}

export const FIGURE_COLUMNS = ["accepted", "submitted", "approved", "clicks", "previews", "uniques", "points", "conversionPoints", "conversions", "other", "revenueMinor", "refundMinor", "views", "likes", "comments", "measuredPosts"] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];
export type SqlFigures = Record<FigureColumn, number>;

export interface FigureScope {
  missionIds: number[];
  window?: Window | undefined;
  /** points counted only from this cycle's ledger entries */
  cycleId?: number | undefined;
  currency: string;
  /** first day not in ClickDaily (null: nothing rolled up, every click is read raw) */
  rolledUpUntil: Date | null;
}

/**
 * Which clicks come from where, as half-open [from, to) spans. Rolled-up days are those whose
 * whole day [d, d + 1) lies inside the window and before the watermark; everything else in the
 * window — the partial first and last days, the days after the watermark — is read raw. The
 * rolled span starts and ends on day boundaries, so no day is split between the two sources and
 * daily uniques add up exactly.
 */
export function clickSpans(window: Window | undefined, rolledUpUntil: Date | null): { rolled: Window | null; raw: Array<Partial<Window>> } {
  const from = window?.from;
  const to = window?.to;
  if (!rolledUpUntil) return { rolled: null, raw: [{ from, to }] };
  const start = from ? (utcDayStart(from).getTime() === from.getTime() ? from : nextUtcDay(from)) : undefined;
  const endDay = to ? utcDayStart(to) : undefined;
  const end = endDay && endDay < rolledUpUntil ? endDay : rolledUpUntil;
  if (start && start >= end) return { rolled: null, raw: [{ from, to }] };
  const raw: Array<Partial<Window>> = [];
  if (from && start && from < start) raw.push({ from, to: start });
  if (!to || end < to) raw.push({ from: end, to });
  return { rolled: { from: start ?? new Date(0), to: end }, raw };
}

class Sql {
  readonly args: unknown[] = [];
  constructor(readonly provider: Provider) {}
  p(value: unknown): string {
    this.args.push(value);
    return this.provider === "postgresql" ? `$${this.args.length}` : "?";
  }
  list(values: number[]): string {
    return values.map((v) => this.p(v)).join(", ");
  }
}

/**
 * One SELECT branch: (m, i) and every figure column, zero where the source has none. Each branch is
 * summed per (mission, influencer) before the UNION ALL, so the union carries one row per pair and
 * source (about 6 per pair) instead of one per click group, participation or ledger entry. Per
 * mission only (perPerson false), each branch is summed per mission: every figure adds up over
 * people (uniques too: a visitor hash belongs to one link and day), and grouping 1M rows into 50
 * groups instead of 100k costs a fraction (the missions table at 100k people: see bench/dashboard.ts).
 */
const branchFor = (perPerson: boolean) => (values: Partial<Record<FigureColumn, string>>, from: string): string => {
  const cols = FIGURE_COLUMNS.map((c) => `${values[c] === undefined ? "0" : `SUM(${values[c]})`} AS "${c}"`).join(", ");
  return perPerson ? `SELECT m AS "m", i AS "i", ${cols} FROM (${from}) src GROUP BY m, i` : `SELECT m AS "m", NULL AS "i", ${cols} FROM (${from}) src GROUP BY m`;
};

function sources(q: Sql, scope: FigureScope, perPerson = true): string {
  const branch = branchFor(perPerson);
  const ids = () => q.list(scope.missionIds);
  const w = scope.window;
  const within = (col: string) => (w ? ` AND ${col} >= ${q.p(w.from)} AND ${col} < ${q.p(w.to)}` : "");
  const parts: string[] = [];
  parts.push(branch({ accepted: "1" }, `SELECT p."missionId" AS m, p."influencerId" AS i FROM "Participation" p
    WHERE p."missionId" IN (${ids()})${w ? within(`p."acceptedAt"`) : ` AND p."acceptedAt" IS NOT NULL`}`));
  parts.push(branch({ submitted: "1", approved: "ok" }, `SELECT s."missionId" AS m, s."influencerId" AS i,
    CASE WHEN s."status" IN ('verified', 'approved') THEN 1 ELSE 0 END AS ok FROM "Submission" s
    WHERE s."missionId" IN (${ids()})${within(`s."createdAt"`)}`));
  const spans = clickSpans(w, scope.rolledUpUntil);
  if (spans.rolled && !perPerson) {
    // per mission: the rollup job's per-(mission, day) sums, ~50 rows a day instead of one per link
    parts.push(branch({ clicks: "n", previews: "pv", uniques: "u" }, `SELECT d."missionId" AS m, d."clicks" AS n, d."previews" AS pv, d."uniques" AS u
      FROM "MissionClickDaily" d WHERE d."missionId" IN (${ids()}) AND d."day" >= ${q.p(spans.rolled.from)} AND d."day" < ${q.p(spans.rolled.to)}`));
  } else if (spans.rolled) {
    parts.push(branch({ clicks: "n", previews: "pv", uniques: "u" }, `SELECT l."missionId" AS m, l."influencerId" AS i, d."clicks" AS n, d."previews" AS pv, d."uniques" AS u
      FROM "ClickDaily" d JOIN "TrackingLink" l ON l."id" = d."trackingLinkId"
      WHERE l."missionId" IN (${ids()}) AND d."day" >= ${q.p(spans.rolled.from)} AND d."day" < ${q.p(spans.rolled.to)}`));
  }
  for (const span of spans.raw) {
    // grouped on (link, hash) first: a hash belongs to one link and one day, so each group with a
    // hash is one daily unique visitor. A span with a start (the days after the watermark) is a
    // time range: SQLite is told to walk the time index, or it walks every link's clicks for the
    // GROUP BY order (0.24 s at 1M clicks, against 13 ms); PostgreSQL's planner picks by statistics.
    // (a function: parameters are numbered in the order they appear in the text)
    // A time range walks its clicks whatever their mission, so the links' missions are checked
    // once per group, on the join: the list of the missions' links (one per participation, 100k)
    // is not built for a few thousand clicks. A span with no start reads by link instead.
    const time = () => `${span.from ? ` AND c."at" >= ${q.p(span.from)}` : ""}${span.to ? ` AND c."at" < ${q.p(span.to)}` : ""}`;
    const byLink = span.from ? "" : ` AND c."trackingLinkId" IN (SELECT t."id" FROM "TrackingLink" t WHERE t."missionId" IN (${ids()}))`;
    const grouped = `SELECT c."trackingLinkId" AS link, c."visitorHash" AS h, COUNT(*) AS n, SUM(CASE WHEN c."preview" THEN 1 ELSE 0 END) AS pv
            FROM "Click" c${span.from && q.provider === "sqlite" ? ` INDEXED BY "Click_at_idx"` : ""} WHERE 1 = 1${byLink}${time()}
            GROUP BY c."trackingLinkId", c."visitorHash"`;
    parts.push(branch({ clicks: "n - pv", previews: "pv", uniques: "u" }, `SELECT l."missionId" AS m, l."influencerId" AS i, k.n AS n, k.pv AS pv, CASE WHEN k.h IS NULL THEN 0 ELSE 1 END AS u
      FROM (${grouped}) k
      JOIN "TrackingLink" l ON l."id" = k.link${span.from ? ` WHERE l."missionId" IN (${ids()})` : ""}`));
  }
  const cycle = (alias: string) => (scope.cycleId !== undefined ? ` AND ${alias}."cycleId" = ${q.p(scope.cycleId)}` : "");
  if (!perPerson) {
    // per mission: LedgerDaily, kept by triggers with every ledger write under the same rule as
    // ledgerBranches (the entry's mission resolved once, when it is written)
    parts.push(branch({ points: "pts", conversionPoints: "cp" }, `SELECT d."missionId" AS m, d."amount" AS pts, CASE WHEN d."kind" = 'conversion' THEN d."amount" ELSE 0 END AS cp
      FROM "LedgerDaily" d WHERE d."kind" IN ('mission', 'conversion') AND d."missionId" IN (${ids()})${cycle("d")}`));
  } else {
    parts.push(...ledgerBranches(q, scope, branch, ids));
  }
  // Engagement where known: the latest reading (PostMetric) of each approved post submitted in the window.
  parts.push(branch({ views: "v", likes: "lk", comments: "cm", measuredPosts: "1" }, `SELECT s."missionId" AS m, s."influencerId" AS i,
    COALESCE(pm."views", 0) AS v, COALESCE(pm."likes", 0) AS lk, COALESCE(pm."comments", 0) AS cm
    FROM "PostMetric" pm JOIN "Submission" s ON s."id" = pm."submissionId"
    WHERE s."missionId" IN (${ids()}) AND s."status" IN ('verified', 'approved')${within(`s."createdAt"`)}
    AND pm."id" = (SELECT MAX(x."id") FROM "PostMetric" x WHERE x."submissionId" = pm."submissionId")`));
  const cur = () => q.p(scope.currency);
  parts.push(branch({ conversions: "co", other: "ot", revenueMinor: "rv", refundMinor: "rf" }, `SELECT v."missionId" AS m, v."influencerId" AS i,
    CASE WHEN v."kind" = 'refund' THEN 0 ELSE 1 END AS co,
    CASE WHEN v."kind" <> 'refund' AND (v."currency" IS NULL OR v."currency" <> ${cur()}) THEN 1 ELSE 0 END AS ot,
    CASE WHEN v."kind" <> 'refund' AND v."currency" = ${cur()} THEN v."amountMinor" ELSE 0 END AS rv,
    CASE WHEN v."kind" = 'refund' AND v."currency" = ${cur()} THEN v."amountMinor" ELSE 0 END AS rf
    FROM "Conversion" v WHERE v."missionId" IN (${ids()})${within(`v."at"`)}`));
  return parts.join("\nUNION ALL\n");
}

/** The raw ledger's points per (mission, person): the rule LedgerDaily's triggers follow. */
function ledgerBranches(q: Sql, scope: FigureScope, branch: ReturnType<typeof branchFor>, ids: () => string): string[] {
  const branches: string[] = [];
  // Ledger reference is "submission:<id>"; on SQLite CROSS JOIN keeps the ledger outer and looks
  // the submission up by primary key (left alone the planner may scan the ledger per submission).
  const join = q.provider === "sqlite" ? "CROSS JOIN" : "JOIN";
  branches.push(branch({ points: "pts" }, `SELECT s."missionId" AS m, s."influencerId" AS i, e."amount" AS pts
    FROM "LedgerEntry" e ${join} "Submission" s ON s."id" = CAST(SUBSTR(e."reference", 12) AS INTEGER)
    WHERE e."kind" = 'mission' AND e."reference" LIKE 'submission:%' AND s."missionId" IN (${ids()})${scope.cycleId !== undefined ? ` AND e."cycleId" = ${q.p(scope.cycleId)}` : ""}`));
  // Points per attributed sale (and their refunds, negative): reference "mission:<id>", in the cost.
  branches.push(branch({ points: "pts", conversionPoints: "pts" }, `SELECT CAST(SUBSTR(e."reference", 9) AS INTEGER) AS m, e."influencerId" AS i, e."amount" AS pts
    FROM "LedgerEntry" e WHERE e."kind" = 'conversion' AND e."reference" LIKE 'mission:%'
    AND CAST(SUBSTR(e."reference", 9) AS INTEGER) IN (${ids()})${scope.cycleId !== undefined ? ` AND e."cycleId" = ${q.p(scope.cycleId)}` : ""}`));
  return branches;
}

const sums = () => FIGURE_COLUMNS.map((c) => `SUM(f."${c}") AS "${c}"`).join(", ");
const num = (v: unknown) => Number(v ?? 0);

function figures(r: Record<string, unknown>): SqlFigures {
  return Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, num(r[c])])) as SqlFigures;
}

export async function figuresByMission(db: Db, provider: Provider, scope: FigureScope): Promise<Map<number, SqlFigures>> {
  if (!scope.missionIds.length) return new Map();
  const q = new Sql(provider);
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT f."m" AS "missionId", ${sums()} FROM (${sources(q, scope, false)}) f GROUP BY f."m"`, ...q.args);
  return new Map(rows.map((r) => [num(r.missionId), figures(r)]));
}

export interface PersonFigures extends SqlFigures {
  influencerId: number;
  name: string | null;
  /** erased (privacy) or no longer there: summed into the anonymous row */
  erased: boolean;
}

export async function figuresByInfluencer(db: Db, provider: Provider, scope: FigureScope): Promise<PersonFigures[]> {
  if (!scope.missionIds.length) return [];
  const q = new Sql(provider);
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT f."i" AS "influencerId", MAX(p."displayName") AS "name",
            MAX(CASE WHEN p."id" IS NULL OR p."deletedAt" IS NOT NULL OR p."status" = 'deleted' THEN 1 ELSE 0 END) AS "erased", ${sums()}
     FROM (${sources(q, scope)}) f LEFT JOIN "Influencer" p ON p."id" = f."i"
     WHERE f."i" IS NOT NULL GROUP BY f."i"`,
    ...q.args,
  );
  return rows.map((r) => ({ influencerId: num(r.influencerId), name: r.name === null || r.name === undefined ? null : String(r.name), erased: num(r.erased) === 1, ...figures(r) }));
}

/**
 * Both groupings from one pass over the sources: the union is summed per (mission, influencer)
 * once (a MATERIALIZED CTE, SQLite ≥ 3.35 and PostgreSQL ≥ 12), then per mission and per person —
 * the two separate queries computed the whole union twice. Each person's name is joined after
 * grouping (one lookup per person, not one per source row).
 */
export async function figuresByMissionAndPerson(db: Db, provider: Provider, scope: FigureScope): Promise<{ byMission: Map<number, SqlFigures>; people: PersonFigures[] }> {
  if (!scope.missionIds.length) return { byMission: new Map(), people: [] };
  const q = new Sql(provider);
  const pairSums = FIGURE_COLUMNS.map((c) => `SUM(x."${c}") AS "${c}"`).join(", ");
  const plain = FIGURE_COLUMNS.map((c) => `y."${c}"`).join(", ");
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `WITH pairs AS MATERIALIZED (SELECT f."m" AS m, f."i" AS i, ${sums()} FROM (${sources(q, scope)}) f GROUP BY f."m", f."i")
     SELECT 0 AS "byPerson", x.m AS "key", NULL AS "name", 0 AS "erased", ${pairSums} FROM pairs x GROUP BY x.m
     UNION ALL
     SELECT 1, y.k, p."displayName", CASE WHEN p."id" IS NULL OR p."deletedAt" IS NOT NULL OR p."status" = 'deleted' THEN 1 ELSE 0 END, ${plain}
     FROM (SELECT x.i AS k, ${pairSums} FROM pairs x WHERE x.i IS NOT NULL GROUP BY x.i) y LEFT JOIN "Influencer" p ON p."id" = y.k`,
    ...q.args,
  );
  const byMission = new Map<number, SqlFigures>();
  const people: PersonFigures[] = [];
  for (const r of rows) {
    if (num(r.byPerson) === 0) byMission.set(num(r.key), figures(r));
    else people.push({ influencerId: num(r.key), name: r.name === null || r.name === undefined ? null : String(r.name), erased: num(r.erased) === 1, ...figures(r) });
  }
  return { byMission, people };
}

/** Conversions no mission claims (no code, no known click id): orders and net revenue. */
export async function unattributedFigures(db: Db, provider: Provider, currency: string, window?: Window): Promise<{ conversions: number; revenueMinor: number }> {
  const q = new Sql(provider);
  const net = `SUM(CASE WHEN v."currency" = ${q.p(currency)} THEN (CASE WHEN v."kind" = 'refund' THEN -v."amountMinor" ELSE v."amountMinor" END) ELSE 0 END)`;
  const time = window ? ` AND v."at" >= ${q.p(window.from)} AND v."at" < ${q.p(window.to)}` : "";
  const [r] = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT SUM(CASE WHEN v."kind" = 'refund' THEN 0 ELSE 1 END) AS "conversions", ${net} AS "net" FROM "Conversion" v WHERE v."missionId" IS NULL${time}`,
    ...q.args,
  );
  return { conversions: num(r?.conversions), revenueMinor: num(r?.net) };
}
