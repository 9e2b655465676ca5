// The verifier's evidence as sentences a manager reads on a review card (never raw JSON): post
// live or not, the author seen — or "not checked" when the post could not be read, never claiming
// to have seen what it did not — tags found and missing, and the disclosure.
import { z } from "zod";
import type { Locale } from "../../config.js";
import { t } from "../../i18n/translate.js";

const evidenceSchema = z.object({
  source: z.enum(["oembed", "html", "none"]).catch("none"),
  exists: z.enum(["yes", "no", "unknown"]).catch("unknown"),
  authorSeen: z.string().optional().catch(undefined),
  hashtagsFound: z.array(z.string()).catch([]),
  hashtagsMissing: z.array(z.string()).catch([]),
  mentionsFound: z.array(z.string()).catch([]),
  mentionsMissing: z.array(z.string()).catch([]),
  disclosurePresent: z.boolean().catch(false),
  notes: z.array(z.string()).catch([]),
});

const list = (xs: string[]) => (xs.length ? xs.join(" ") : "–");

export function evidenceLines(locale: Locale, evidence: unknown): string[] {
  const parsed = evidenceSchema.safeParse(evidence);
  if (!parsed.success) return [t(locale, "review.card.not_checked_yet")];
  const e = parsed.data;
  const read = e.source !== "none" && e.exists === "yes";
  const lines = [t(locale, e.exists === "yes" ? "review.card.live" : e.exists === "no" ? "review.card.gone" : "review.card.unreadable")];
  lines.push(read && e.authorSeen ? t(locale, "review.card.author_seen", { handle: `@${e.authorSeen}` }) : t(locale, "review.card.author_not_checked"));
  if (read) {
    const found = [...e.hashtagsFound, ...e.mentionsFound];
    const missing = [...e.hashtagsMissing, ...e.mentionsMissing];
    lines.push(t(locale, "review.card.tags", { found: list(found), missing: list(missing) }));
    lines.push(t(locale, e.disclosurePresent ? "review.card.disclosure_yes" : "review.card.disclosure_no"));
  }
  // the verifier's own short notes (why data is incomplete), bounded
  if (e.notes.length) lines.push(t(locale, "review.card.notes", { notes: e.notes.join("; ").slice(0, 500) }));
  return lines;
}
