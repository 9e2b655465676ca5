// A chart for a chat message: the PNG as a file (base64 in the platform-neutral attachment, its
// text alternative as the image's alt text) and the same figures as text blocks, so a screen
// reader — or a client that does not show images — reads what the picture shows.
import type { Attachment, Block } from "../engine/message.js";
import { chartText, renderChartPng, type ChartSpec } from "./charts.js";

export function chartAttachment(spec: ChartSpec, locale: string, filename = "advo-chart.png"): Attachment {
  const png = renderChartPng(spec, { width: 800, height: 450, locale });
  return { filename, mimeType: "image/png", encoding: "base64", content: png.toString("base64"), altText: chartText(spec, locale) };
}

/** The chart's title, then one line per category. */
export function chartTextBlocks(spec: ChartSpec, locale: string): Block[] {
  const [title, ...lines] = chartText(spec, locale).split("\n");
  return [{ type: "paragraph", content: [title ?? spec.title] }, ...(lines.length ? [{ type: "list" as const, items: lines.map((l) => [l]) }] : [])];
}
