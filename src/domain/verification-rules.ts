// THE decision rules for a submitted post, in one place (DESIGN.md "Verify"):
//
//   rejected      the post does not exist (the network answered "not found"/"gone").
//   verified      the post exists, AND its author as seen on the network is one of the handles the
//                 influencer registered for that network, AND every required hashtag, every
//                 required mention and the sponsorship disclosure are in the post text.
//   needs_review  everything else: existence unknown (private, login wall, network down), author
//                 not visible or different, text not visible, or something required missing.
//
// Only a definite "does not exist" rejects automatically; anything we could not see goes to a
// human, because networks hide data and an automated "no" that is wrong costs an influencer.
// Pure: the verifier (src/verify) gathers the evidence, this decides.
import type { Network } from "./links.js";

export type Existence = "yes" | "no" | "unknown";
export type Confidence = "high" | "medium" | "low";

/** What a verifier saw. Stored as Submission.evidence (JSON). */
export type VerificationResult = {
  /** "unknown" only when the stored URL no longer parses. */
  network: Network | "unknown";
  /** Where the data came from. */
  source: "oembed" | "html" | "none";
  exists: Existence;
  /** Author handle as the network shows it, normalised (lower case, no "@"). */
  authorSeen?: string;
  /** Caption / title / tweet text as seen (bounded length). */
  textSeen?: string;
  hashtagsFound: string[];
  hashtagsMissing: string[];
  mentionsFound: string[];
  mentionsMissing: string[];
  disclosurePresent: boolean;
  confidence: Confidence;
  /** Short technical notes for managers (why the data is incomplete). */
  notes: string[];
};

export type RequiredTags = { hashtags: readonly string[]; mentions: readonly string[]; disclosure: string };

export type Decision = "verified" | "rejected" | "needs_review";
/** A reason is an i18n message id (catalog area "verify") with its placeholders. */
export type DecisionReason = { id: string; params?: Record<string, string> };
export type VerificationDecision = { decision: Decision; reasons: DecisionReason[] };

export type RegisteredHandle = { network: string; handle: string };

export function decideVerification(result: VerificationResult, registeredHandles: readonly RegisteredHandle[]): VerificationDecision {
  if (result.exists === "no") return { decision: "rejected", reasons: [{ id: "verify.reason.not_found" }] };

  const reasons: DecisionReason[] = [];
  if (result.exists === "unknown") reasons.push({ id: "verify.reason.not_public" });

  const own = registeredHandles.filter((h) => h.network === result.network).map((h) => h.handle.toLowerCase().replace(/^@/, ""));
  if (result.authorSeen === undefined) reasons.push({ id: "verify.reason.author_unknown" });
  else if (!own.includes(result.authorSeen.toLowerCase()))
    reasons.push({ id: "verify.reason.author_mismatch", params: { author: result.authorSeen } });

  if (result.textSeen === undefined) reasons.push({ id: "verify.reason.text_unknown" });
  else {
    if (result.hashtagsMissing.length > 0) reasons.push({ id: "verify.reason.missing_hashtags", params: { tags: result.hashtagsMissing.join(" ") } });
    if (result.mentionsMissing.length > 0) reasons.push({ id: "verify.reason.missing_mentions", params: { tags: result.mentionsMissing.join(" ") } });
    if (!result.disclosurePresent) reasons.push({ id: "verify.reason.missing_disclosure" });
  }

  return reasons.length === 0 ? { decision: "verified", reasons: [] } : { decision: "needs_review", reasons };
}
