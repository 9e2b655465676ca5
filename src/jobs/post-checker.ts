// What the verification jobs need from the verifier (src/verify), kept this small so the jobs can
// be tested with a fake and wired to the real verifier in one adapter function.
import type { EngagementReader } from "../services/post-metrics.js";

export interface SubmissionToCheck {
  id: number;
  url: string;
  network: string;
  postId: string | null;
  authorHandle: string | null;
  /** handles the influencer registered on this network (normalized) */
  handles: string[];
  mission: { id: number; title: string; translations?: unknown; hashtags: string[]; mentions: string[] };
}

export type VerifyOutcome =
  | {
      decision: "verified" | "needs_review" | "rejected";
      /** why, as an i18n message id of the verify area (e.g. verify.reason.not_found) and its params */
      reasonId?: string;
      reasonParams?: Record<string, string>;
      /** why, as text for managers and the stored rejection reason */
      reason?: string;
      notes?: string;
      evidence?: unknown;
    }
  /** inconclusive: the fetch failed (timeout, 5xx) — check again later */
  | { decision: "retry"; reason: string };

export type LiveOutcome = "live" | "removed" | "unknown";

export interface PostChecker {
  verify(submission: SubmissionToCheck): Promise<VerifyOutcome>;
  isLive(submission: SubmissionToCheck): Promise<LiveOutcome>;
  /** views, likes, comments from an official API (YouTube with YOUTUBE_API_KEY); absent = none */
  engagement?: EngagementReader;
}

/** Re-check delay after an inconclusive result: 15 min, 30 min, 1 h, … capped at 12 h. */
export function recheckDelayMs(attempt: number): number {
  return Math.min(15 * 60_000 * 2 ** Math.max(0, attempt - 1), 12 * 3_600_000);
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
