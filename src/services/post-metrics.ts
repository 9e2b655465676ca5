// Reach and engagement of submitted posts (issue 13): PostMetric rows, each a reading of views,
// likes and comments at one time with its source — youtube_api (the YouTube Data API, read by the
// verification and live re-check jobs when YOUTUBE_API_KEY is set) or self_reported. Readings are
// read in batches and written with one insert per job run, never one query per post.
import type { Db } from "../db/client.js";
import type { PostEngagement } from "../verify/youtube-stats.js";

export type MetricSource = "youtube_api" | "self_reported";

export interface PostToMeasure {
  id: number;
  network: string;
  postId: string | null;
}

/** Reads the engagement of a batch of posts: submission id → figures, for the posts it could read. */
export type EngagementReader = (posts: PostToMeasure[]) => Promise<Map<number, PostEngagement>>;

/** Reads and stores one reading per post the reader knows; returns what it stored. */
export async function recordEngagement(db: Pick<Db, "postMetric">, read: EngagementReader | undefined, posts: PostToMeasure[], now: Date, source: MetricSource = "youtube_api"): Promise<Map<number, PostEngagement>> {
  if (!read || !posts.length) return new Map();
  const seen = await read(posts);
  if (seen.size) await db.postMetric.createMany({ data: [...seen].map(([submissionId, e]) => ({ submissionId, views: e.views, likes: e.likes, comments: e.comments, source, seenAt: now })) });
  return seen;
}
