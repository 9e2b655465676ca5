// One verifier per network behind one interface. oEmbed where networks offer it without keys
// (YouTube, TikTok, X), the HTML page otherwise; what cannot be seen is left "unknown" so the
// decision rules (src/domain/verification-rules.ts) send it to manual review.
import type { AppConfig } from "../config.js";
import type { Network, ParsedPost } from "../domain/links.js";
import { parsePostUrl } from "../domain/links.js";
import { decideVerification, type RegisteredHandle, type RequiredTags, type VerificationDecision, type VerificationResult } from "../domain/verification-rules.js";
import type { Logger } from "../logger.js";
import { readPage, seenFromPage } from "./html-page.js";
import { seeTiktok, seeX, seeYoutube } from "./oembed.js";
import { advoUserAgent, createSafeFetcher, type LookupFn, type SafeFetcher } from "./safe-fetch.js";
import { toResult, type Seen } from "./text.js";

export type Verifier = {
  verify(post: ParsedPost, required: RequiredTags): Promise<VerificationResult>;
  close(): Promise<void>;
};

export type VerifierConfig = Pick<
  AppConfig,
  "PUBLIC_URL" | "FETCH_ALLOW_HOSTS" | "FETCH_TIMEOUT_MS" | "FETCH_MAX_BYTES" | "OEMBED_YOUTUBE_URL" | "OEMBED_TIKTOK_URL" | "OEMBED_X_URL"
>;

export type VerifierOptions = {
  /** DNS resolution for the safe fetcher (tests). */
  resolve?: LookupFn;
  /** Where the HTML of a post is fetched; default its canonical URL (tests point it at a fake). */
  pageUrl?: (post: ParsedPost) => string;
  perHostConcurrency?: number;
};

type NetworkVerifier = (post: ParsedPost) => Promise<Seen>;

export function createVerifier(config: VerifierConfig, log: Logger, options: VerifierOptions = {}): Verifier {
  const fetcher: SafeFetcher = createSafeFetcher({
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    userAgent: advoUserAgent(config.PUBLIC_URL ?? "http://localhost:3000"),
    allowHosts: config.FETCH_ALLOW_HOSTS,
    perHostConcurrency: options.perHostConcurrency ?? 2,
    log,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  const pageUrl = options.pageUrl ?? ((p: ParsedPost) => p.canonicalUrl);
  const fromPage: NetworkVerifier = async (post) => seenFromPage(post, await readPage(fetcher, pageUrl(post), post));

  const verifiers: Record<Network, NetworkVerifier> = {
    youtube: (post) => seeYoutube(fetcher, config.OEMBED_YOUTUBE_URL ?? "https://www.youtube.com/oembed", post),
    // Short links (vm.tiktok.com) are resolved by the oEmbed endpoint itself.
    tiktok: (post) => seeTiktok(fetcher, config.OEMBED_TIKTOK_URL ?? "https://www.tiktok.com/oembed", post),
    x: (post) => seeX(fetcher, config.OEMBED_X_URL ?? "https://publish.twitter.com/oembed", post),
    instagram: fromPage,
    facebook: fromPage,
    linkedin: fromPage,
    twitch: fromPage,
  };

  return {
    async verify(post, required) {
      let seen = await verifiers[post.network](post);
      let result = toResult(seen, required);
      // YouTube oEmbed has the title only; tags usually live in the description on the page.
      const incomplete = result.hashtagsMissing.length + result.mentionsMissing.length > 0 || !result.disclosurePresent;
      if (post.network === "youtube" && seen.exists === "yes" && incomplete) {
        const page = await readPage(fetcher, pageUrl(post), post);
        if (page.status === "found" && page.samePost && page.description) {
          seen = { ...seen, textSeen: [seen.textSeen, page.description].filter(Boolean).join("\n") };
          result = toResult(seen, required);
        } else {
          result.notes.push("description not readable from the page");
        }
      }
      log.debug({ network: post.network, url: post.canonicalUrl, exists: result.exists, source: result.source }, "post verified");
      return result;
    },
    close: () => fetcher.close(),
  };
}

export type SubmissionToVerify = {
  /** The stored (canonical) post URL. */
  url: string;
  /** The influencer's registered handles (any network; only the post's network counts). */
  registeredHandles: readonly RegisteredHandle[];
  required: RequiredTags;
};

export type SubmissionVerdict = VerificationDecision & { evidence: VerificationResult };

/** What the verify-submissions and recheck-live jobs call for each submission. */
export async function verifySubmission(deps: { verifier: Pick<Verifier, "verify"> }, submission: SubmissionToVerify): Promise<SubmissionVerdict> {
  const parsed = parsePostUrl(submission.url);
  if (!parsed.ok) {
    // Stored URLs were parsed on submission; one that no longer parses is for a human to look at.
    const evidence: VerificationResult = {
      network: "unknown", source: "none", exists: "unknown", hashtagsFound: [], hashtagsMissing: [], mentionsFound: [], mentionsMissing: [],
      disclosurePresent: false, confidence: "low", notes: [`stored URL does not parse: ${parsed.error}`],
    };
    return { decision: "needs_review", reasons: [{ id: "verify.reason.not_public" }], evidence };
  }
  const evidence = await deps.verifier.verify(parsed.value, submission.required);
  return { ...decideVerification(evidence, submission.registeredHandles), evidence };
}
