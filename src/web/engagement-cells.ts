// Reach and engagement on the dashboard's mission page (issue 13): each post's latest reading with
// its source and time (YouTube API, or self-reported by the influencer and marked so), and the
// mission's totals over its approved posts that have a reading, from the measurement report.
import { t } from "../i18n/translate.js";
import { esc } from "./layout.js";
import { formatNumber, formatWhen, type Reader } from "./reader.js";

export interface Reading {
  views: number | null;
  likes: number | null;
  comments: number | null;
  source: string;
  seenAt: Date;
}

export const ENGAGEMENT_HEADINGS = ["measure.web.views", "measure.web.likes", "measure.web.comments", "measure.web.source"];

/** Four cells: views, likes, comments, "self-reported, 2 Mar 2026 10:00" (empty when never read). */
export function engagementCells(reader: Reader, m: Reading | undefined): string {
  if (!m) return "<td></td><td></td><td></td><td></td>";
  const n = (v: number | null) => (v === null ? "—" : formatNumber(reader, v));
  const known = m.source === "youtube_api" || m.source === "self_reported";
  const source = known ? t(reader.locale, `measurement.engagement.source.${m.source}` as never) : m.source;
  const marked = m.source === "self_reported" ? `<em>${esc(source)}</em>` : esc(source);
  return `<td>${esc(n(m.views))}</td><td>${esc(n(m.likes))}</td><td>${esc(n(m.comments))}</td><td>${marked}, ${esc(formatWhen(reader, m.seenAt))}</td>`;
}

/** "Total (3 posts measured): 12,400 views · 310 likes · 12 comments", or that none is known. */
export function engagementTotal(reader: Reader, f: { views: number; likes: number; comments: number; measuredPosts: number } | undefined): string {
  const l = reader.locale;
  if (!f || f.measuredPosts === 0) return `<p>${esc(t(l, "measure.web.none"))}</p>`;
  const parts = [[f.views, "measure.web.views"], [f.likes, "measure.web.likes"], [f.comments, "measure.web.comments"]] as const;
  return `<p>${esc(t(l, "measure.web.total", { posts: f.measuredPosts }))}: ${parts.map(([v, id]) => `${esc(formatNumber(reader, v))} ${esc(t(l, id).toLowerCase())}`).join(" · ")}</p>`;
}
