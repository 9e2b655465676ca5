// Server-side chart rendering: ECharts in SSR mode to an SVG string (no browser, no DOM), and that
// SVG to PNG with resvg. Fonts are loaded explicitly: with none, resvg silently draws no text.
import * as echarts from "echarts";
import { Resvg } from "@resvg/resvg-js";
import { z } from "zod";
import { chartSpecSchema, type ChartSpec } from "./charts-specs.js";

export * from "./charts-specs.js";

const FONT_DIR = "/usr/share/fonts/truetype/dejavu";
const FONT = "DejaVu Sans";

export const renderOptionsSchema = z.object({
  width: z.number().int().min(100).max(4000).default(800),
  height: z.number().int().min(100).max(4000).default(450),
  locale: z.string().min(2).max(35).default("en"),
});
export type RenderOptions = z.input<typeof renderOptionsSchema>;

function toOption(spec: ChartSpec, locale: string): echarts.EChartsCoreOption {
  const fmt = new Intl.NumberFormat(locale);
  const label = { show: true, fontFamily: FONT, formatter: (p: { value: unknown }) => fmt.format(Number(p.value)) };
  const base = { backgroundColor: "#fff", animation: false, textStyle: { fontFamily: FONT }, title: { text: spec.title, left: "center" } };
  switch (spec.kind) {
    case "funnel":
      return {
        ...base,
        series: [
          {
            type: "funnel",
            sort: "none",
            top: 50,
            label: { show: true, position: "inside", fontFamily: FONT, formatter: (p: { name: string; value: unknown }) => `${p.name}: ${fmt.format(Number(p.value))}` },
            data: spec.categories.map((name, i) => ({ name, value: spec.series[0]?.values[i] ?? 0 })),
          },
        ],
      };
    case "pie":
      return {
        ...base,
        series: [
          {
            type: "pie",
            radius: "60%",
            top: 30,
            label: { show: true, fontFamily: FONT, formatter: (p: { name: string; value: unknown }) => `${p.name}: ${fmt.format(Number(p.value))}` },
            data: spec.categories.map((name, i) => ({ name, value: spec.series[0]?.values[i] ?? 0 })),
          },
        ],
      };
    case "bar":
    case "timeSeries":
      return {
        ...base,
        legend: spec.series.length > 1 ? { bottom: 0, data: spec.series.map((s) => s.name) } : undefined,
        grid: { top: 50, bottom: 80, left: 60, right: 30 },
        xAxis: { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate: spec.categories.length > 6 ? 30 : 0 } },
        yAxis: { type: "value" },
        series: spec.series.map((s) => ({ type: spec.kind === "bar" ? "bar" : "line", name: s.name, data: s.values, label })),
      };
  }
}

/** The chart as a standalone SVG document. */
export function renderChartSvg(spec: ChartSpec, options: RenderOptions = {}): string {
  const valid = chartSpecSchema.parse(spec);
  const { width, height, locale } = renderOptionsSchema.parse(options);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(toOption(valid, locale));
    return chart.renderToSVGString();
  } finally {
    chart.dispose(); // without it ECharts keeps a timer and the process never exits
  }
}

/** The chart as PNG bytes, same size as the SVG. */
export function renderChartPng(spec: ChartSpec, options: RenderOptions = {}): Buffer {
  const { width } = renderOptionsSchema.parse(options);
  const svg = renderChartSvg(spec, options);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    font: {
      fontFiles: [`${FONT_DIR}/DejaVuSans.ttf`, `${FONT_DIR}/DejaVuSans-Bold.ttf`],
      loadSystemFonts: false,
      defaultFontFamily: FONT,
      sansSerifFamily: FONT,
    },
  });
  return Buffer.from(resvg.render().asPng());
}
