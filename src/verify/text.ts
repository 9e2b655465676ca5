// Text out of the HTML fragments networks return (X oEmbed `html`, page meta), and the step that
// turns "what we saw" into a VerificationResult by matching the required tags.
import { matchTags, containsTag } from "../domain/tags.js";
import type { Confidence, Existence, RequiredTags, VerificationResult } from "../domain/verification-rules.js";
import type { Network } from "../domain/links.js";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", mdash: "—", ndash: "–", hellip: "…" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Visible text of an HTML fragment: tags dropped (line breaks kept as spaces), entities decoded. */
export function htmlToText(html: string): string {
  const noScripts = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, " ");
  const text = noScripts.replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]*>/g, " ");
  return decodeEntities(text).replace(/[ \t]+/g, " ").replace(/ *\n */g, "\n").trim();
}

const MAX_TEXT = 4000;

export type Seen = {
  network: Network;
  source: VerificationResult["source"];
  exists: Existence;
  authorSeen?: string;
  textSeen?: string;
  confidence: Confidence;
  notes: string[];
};

/** "#ad" / "@brand" as tags; a plain phrase ("Paid partnership") as whole words, any case. */
export function hasDisclosure(text: string, disclosure: string): boolean {
  const d = disclosure.trim();
  if (!d) return false;
  if (d.startsWith("#")) return containsTag(text, "hashtag", d);
  if (d.startsWith("@")) return containsTag(text, "mention", d);
  const words = d.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${words}(?![\\p{L}\\p{N}_])`, "iu").test(text);
}

/** Matches the required tags against the text seen; without text nothing counts as found. */
export function toResult(seen: Seen, required: RequiredTags): VerificationResult {
  const text = seen.textSeen?.slice(0, MAX_TEXT);
  const hashtags = matchTags(text ?? "", "hashtag", required.hashtags);
  const mentions = matchTags(text ?? "", "mention", required.mentions);
  const result: VerificationResult = {
    network: seen.network,
    source: seen.source,
    exists: seen.exists,
    hashtagsFound: hashtags.found,
    hashtagsMissing: hashtags.missing,
    mentionsFound: mentions.found,
    mentionsMissing: mentions.missing,
    disclosurePresent: text !== undefined && hasDisclosure(text, required.disclosure),
    confidence: seen.confidence,
    notes: seen.notes,
  };
  if (seen.authorSeen !== undefined) result.authorSeen = seen.authorSeen;
  if (text !== undefined) result.textSeen = text;
  return result;
}
