// Reach and engagement from the YouTube Data API v3 (issue 13): `videos?part=statistics&id=…`
// gives views, likes and comments of up to 50 videos per request (one request per batch, never one
// per post). Only when the operator sets YOUTUBE_API_KEY; YOUTUBE_API_URL points tests at a fake.
//
// Why a plain fetch and not the SSRF-safe fetcher: the host is the operator's configuration, never
// a URL from a user. The only user-derived part is the video id, taken from a parsed post link and
// checked against YouTube's id alphabet before it is URL-encoded into the query, so a request can
// only reach the configured API. Redirects are refused, time and body size are bounded like the
// fetcher's, and the key (a query parameter, as the API wants it) is never logged.
import type { Logger } from "../logger.js";

export interface PostEngagement {
  views: number | null;
  likes: number | null;
  comments: number | null;
}

export interface YoutubeStatsConfig {
  apiKey: string;
  apiUrl: string;
  timeoutMs: number;
  maxBytes: number;
}

const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
export const YOUTUBE_BATCH = 50;
/** PostgreSQL INTEGER: a count past it (a handful of videos ever) is stored as the largest value. */
const INT_MAX = 2_147_483_647;

function count(v: unknown): number | null {
  if (typeof v !== "string" && typeof v !== "number") return null; // hidden likes, disabled comments
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.min(Math.floor(n), INT_MAX) : null;
}

/** Statistics by video id for the ids YouTube knows; unknown or private videos are absent. */
export async function youtubeStatistics(config: YoutubeStatsConfig, videoIds: string[], log: Logger): Promise<Map<string, PostEngagement>> {
  const ids = [...new Set(videoIds.filter((id) => VIDEO_ID.test(id)))];
  const out = new Map<string, PostEngagement>();
  for (let i = 0; i < ids.length; i += YOUTUBE_BATCH) {
    const batch = ids.slice(i, i + YOUTUBE_BATCH);
    const url = `${config.apiUrl.replace(/\/+$/, "")}/videos?part=statistics&id=${encodeURIComponent(batch.join(","))}&key=${encodeURIComponent(config.apiKey)}`;
    try {
      const res = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(config.timeoutMs), headers: { accept: "application/json" } });
      const text = await res.text();
      if (!res.ok || text.length > config.maxBytes) {
        log.warn({ status: res.status, videos: batch.length }, "youtube statistics not read");
        continue;
      }
      const body = JSON.parse(text) as { items?: Array<{ id?: unknown; statistics?: Record<string, unknown> }> };
      for (const item of body.items ?? []) {
        if (typeof item.id !== "string" || !item.statistics) continue;
        out.set(item.id, { views: count(item.statistics.viewCount), likes: count(item.statistics.likeCount), comments: count(item.statistics.commentCount) });
      }
    } catch (e) {
      // inconclusive: the next check tries again; the verification itself does not depend on it
      log.warn({ err: (e as Error).name, videos: batch.length }, "youtube statistics not read");
    }
  }
  return out;
}
