import { describe, expect, it } from "vitest";
import { chartText, funnelSpec, networkSplitSpec, pointsAndClicksSpec, renderChartPng, renderChartSvg, topInfluencersSpec } from "../../src/reports/charts.js";

const stages = { invited: "Invited", joined: "Joined", active: "Active", submitted: "Submitted", approved: "Approved", redeemed: "Redeemed" };
const funnel = funnelSpec("Programme funnel", { invited: 1200, joined: 830, active: 512, submitted: 377, approved: 301, redeemed: 45 }, stages);

function pngSize(png: Buffer) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("chart specs", () => {
  it("orders the funnel stages and sorts days and top influencers", () => {
    expect(funnel.categories).toEqual(["Invited", "Joined", "Active", "Submitted", "Approved", "Redeemed"]);
    const line = pointsAndClicksSpec("Week", [{ day: "2026-12-02", points: 5, clicks: 9 }, { day: "2026-12-01", points: 3, clicks: 4 }], { points: "Points", clicks: "Clicks" });
    expect(line.categories).toEqual(["2026-12-01", "2026-12-02"]);
    expect(line.series[1]?.values).toEqual([4, 9]);
    const top = topInfluencersSpec("Top", [{ name: "b", points: 5 }, { name: "a", points: 9 }, { name: "c", points: 5 }], "Points", 2);
    expect(top.categories).toEqual(["a", "b"]);
    expect(networkSplitSpec("Networks", [{ network: "slack", count: 0 }, { network: "telegram", count: 4 }]).categories).toEqual(["telegram"]);
  });

  it("gives the figures as text in the reader's locale", () => {
    expect(chartText(funnel, "en")).toContain("Invited: 1,200");
    expect(chartText(funnel, "fr")).toMatch(/Invited: 1\s200/);
    const line = pointsAndClicksSpec("Week", [{ day: "2026-12-01", points: 3, clicks: 4 }], { points: "Points", clicks: "Clics" });
    expect(chartText(line, "fr")).toBe("Week\n2026-12-01: Points 3, Clics 4");
  });
});

describe("chart rendering", () => {
  it("draws the data labels into the SVG", () => {
    const svg = renderChartSvg(funnel, { width: 640, height: 400, locale: "en" });
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of ["Programme funnel", "Invited: 1,200", "Redeemed: 45"]) expect(svg).toContain(text);
    const bars = renderChartSvg(topInfluencersSpec("Top", [{ name: "Ada", points: 54321 }, { name: "Bo", points: 12 }], "Points"), { locale: "it" });
    expect(bars).toContain("Ada");
    expect(bars).toContain("54.321");
  });

  it("renders a PNG of the asked size, with text drawn", () => {
    const png = renderChartPng(funnel, { width: 640, height: 400 });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 640, height: 400 });
    // Without fonts resvg draws no text, silently: the same chart without its labels must differ.
    const untitled = renderChartPng({ ...funnel, title: "", categories: funnel.categories.map(() => "") }, { width: 640, height: 400 });
    expect(png.equals(untitled)).toBe(false);
  });

  it("refuses a bad spec or size", () => {
    expect(() => renderChartSvg({ ...funnel, series: [] })).toThrow();
    expect(() => renderChartPng(funnel, { width: 5, height: 400 })).toThrow();
  });
});
