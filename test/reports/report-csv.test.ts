// `advo report --csv`: the report's rows as CSV, cells neutralised against formula injection as
// the exports do (names come from influencers' own profiles), numbers — negative ones too — as is.
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { reportCsv } from "../../src/reports/format.js";
import type { Figures, MeasurementReport } from "../../src/reports/measurement.js";

const figures = (over: Partial<Figures> = {}): Figures => ({
  accepted: 2, submitted: 2, approved: 1, previews: 0, clicks: 10, uniqueClicks: 8, conversions: 1, otherCurrencyConversions: 0, revenue: -12.5, refunds: 12.5,
  points: 100, conversionPoints: 0, cost: 10, roi: null, costPerClick: 1, costPerConversion: 10, views: 0, likes: 0, comments: 0, measuredPosts: 0, ...over,
});

function report(names: (string | null)[]): MeasurementReport {
  return {
    currency: "EUR", scope: {}, uniqueClicksNote: "", totals: figures(), unattributed: { conversions: 0, revenue: 0 }, queries: 4,
    missions: [{ missionId: 1, title: "Spring, \"launch\"", ...figures({ roi: 0.25 }) }],
    influencers: [...names.map((name, i) => ({ influencerId: i + 1, name, anonymous: false, ...figures() })), { influencerId: null, name: null, anonymous: true, ...figures() }],
  };
}

const FIGURES = csvHeader().slice(4) as (keyof Figures)[];
function csvHeader(): string[] {
  return reportCsv(report([])).split("\n")[0]!.split(",");
}
/** reportCsv as it was before (plain csv-stringify), for the comparison. */
function csvBefore(r: MeasurementReport): string {
  const rows: unknown[][] = [["level", "id", "name", "currency", ...FIGURES]];
  for (const m of r.missions) rows.push(["mission", m.missionId, m.title, r.currency, ...FIGURES.map((f) => m[f] ?? "")]);
  for (const i of r.influencers) rows.push(["influencer", i.influencerId ?? "", i.anonymous ? "(erased)" : (i.name ?? ""), r.currency, ...FIGURES.map((f) => i[f] ?? "")]);
  return stringify(rows);
}

describe("report CSV", () => {
  it("given plain names then the CSV is the header, one row per mission, one per influencer and the erased row, as csv-stringify writes them", () => {
    const csv = reportCsv(report(["Ana", null]));
    const lines = csv.trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe("level,id,name,currency,accepted,submitted,approved,previews,clicks,uniqueClicks,conversions,otherCurrencyConversions,revenue,refunds,points,conversionPoints,cost,roi,costPerClick,costPerConversion,measuredPosts,views,likes,comments");
    expect(lines[1]).toBe("mission,1,\"Spring, \"\"launch\"\"\",EUR,2,2,1,0,10,8,1,0,-12.5,12.5,100,0,10,0.25,1,10,0,0,0,0");
    expect(lines.slice(2).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["influencer,1,Ana", "influencer,2,", "influencer,,(erased)"]);
    // the same bytes as the report wrote before its cells were neutralised, where nothing needs it
    expect(csv).toBe(csvBefore(report(["Ana", null])));
  });

  it("given names starting with = + - @ then the cells are prefixed with ' and negative figures stay numbers", () => {
    const lines = reportCsv(report(["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "Ana"])).trimEnd().split("\n");
    expect(lines.slice(2, 7).map((l) => l.split(",")[2])).toEqual(["\"'=HYPERLINK(\"\"http://x\"\")\"", "'+1", "'-2", "'@SUM(A1)", "Ana"]);
    expect(lines[2]!.split(",")[12]).toBe("-12.5");
  });
});
