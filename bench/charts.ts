// Chart render cost: the ECharts SSR → SVG step against the SVG → PNG rasterising step, both on the
// same 30-day points/clicks chart in the same run, so the ratio holds on any machine.
import { pointsAndClicksSpec, renderChartPng, renderChartSvg } from "../src/reports/charts.js";

function time(runs: number, fn: () => unknown): number {
  fn(); // warm-up: first init loads ECharts modules and fonts
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / runs;
}

export default async function bench(): Promise<void> {
  const days = Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, "0")}`, points: (i * 37) % 500, clicks: (i * 91) % 2000 }));
  const spec = pointsAndClicksSpec("Points and clicks", days, { points: "Points", clicks: "Clicks" });
  const runs = 20;
  const svgMs = time(runs, () => renderChartSvg(spec, { width: 800, height: 450 }));
  const pngMs = time(runs, () => renderChartPng(spec, { width: 800, height: 450 }));
  process.stdout.write(`chart 800×450, 30 days × 2 series, ${runs} runs\n`);
  process.stdout.write(`  SVG ${svgMs.toFixed(1)} ms/chart, PNG (SVG + raster) ${pngMs.toFixed(1)} ms/chart, PNG/SVG ×${(pngMs / svgMs).toFixed(1)}\n`);
}
