// The real post checker: the verifier of src/verify with the decision rules of
// src/domain/verification-rules.ts, seen through the small PostChecker port the jobs use.
// A post that could not be fetched at all (network error, timeout: source "none", existence
// unknown) is "retry" — re-checked later with backoff — instead of going to review at once.
import type { AppConfig } from "../config.js";
import type { Logger } from "../logger.js";
import type { EngagementReader } from "../services/post-metrics.js";
import { createVerifier, verifySubmission, type Verifier } from "../verify/verifier.js";
import { youtubeStatistics } from "../verify/youtube-stats.js";
import type { LiveOutcome, PostChecker, SubmissionToCheck, VerifyOutcome } from "./post-checker.js";

function toVerify(s: SubmissionToCheck, disclosure: string) {
  return {
    url: s.url,
    registeredHandles: s.handles.map((handle) => ({ network: s.network, handle })),
    required: { hashtags: s.mission.hashtags, mentions: s.mission.mentions, disclosure },
  };
}

export function checkerFromVerifier(verifier: Pick<Verifier, "verify">, disclosure: string): PostChecker {
  return {
    async verify(s): Promise<VerifyOutcome> {
      const verdict = await verifySubmission({ verifier }, toVerify(s, disclosure));
      const ev = verdict.evidence;
      const unparsable = ev.notes.some((n) => n.startsWith("stored URL does not parse"));
      if (verdict.decision === "needs_review" && ev.exists === "unknown" && ev.source === "none" && !unparsable)
        return { decision: "retry", reason: ev.notes.join("; ") || "the post could not be fetched" };
      const first = verdict.reasons[0];
      return {
        decision: verdict.decision,
        ...(first ? { reasonId: first.id, ...(first.params ? { reasonParams: first.params } : {}) } : {}),
        notes: [...verdict.reasons.map((r) => r.id.replace(/^verify\.reason\./, "")), ...ev.notes].join("; "),
        evidence: { ...ev, reasons: verdict.reasons },
      };
    },
    async isLive(s): Promise<LiveOutcome> {
      const { evidence } = await verifySubmission({ verifier }, toVerify(s, disclosure));
      return evidence.exists === "yes" ? "live" : evidence.exists === "no" ? "removed" : "unknown";
    },
  };
}

/** The checker for a running app, and how to release its HTTP connections on stop. */
export function createPostChecker(config: AppConfig, log: Logger): { checker: PostChecker; close: () => Promise<void> } {
  const verifier = createVerifier(config, log);
  const engagement = youtubeEngagement(config, log);
  return { checker: { ...checkerFromVerifier(verifier, config.DISCLOSURE_TAG), ...(engagement ? { engagement } : {}) }, close: () => verifier.close() };
}

/** YouTube posts' statistics from the Data API, when the operator set a key; undefined otherwise. */
export function youtubeEngagement(config: Pick<AppConfig, "YOUTUBE_API_KEY" | "YOUTUBE_API_URL" | "FETCH_TIMEOUT_MS" | "FETCH_MAX_BYTES">, log: Logger): EngagementReader | undefined {
  const apiKey = config.YOUTUBE_API_KEY;
  if (!apiKey) return undefined;
  const api = { apiKey, apiUrl: config.YOUTUBE_API_URL ?? "https://www.googleapis.com/youtube/v3", timeoutMs: config.FETCH_TIMEOUT_MS, maxBytes: config.FETCH_MAX_BYTES };
  return async (posts) => {
    const videos = posts.filter((p) => p.network === "youtube" && p.postId);
    const stats = await youtubeStatistics(api, videos.map((p) => p.postId!), log);
    return new Map(videos.flatMap((p) => (stats.has(p.postId!) ? [[p.id, stats.get(p.postId!)!] as const] : [])));
  };
}
