// Finding required hashtags and mentions in post text. Case-insensitive and bounded on both
// sides, so "#ad" is not found in "#adidas" or "#brand#ad2", and "@brand" not in "@brand_eu" or
// in an e-mail address "me@brand.com".
export type TagKind = "hashtag" | "mention";

/** "ad", "#AD", " #ad " → "#ad"; "brand"/"@Brand" → "@brand". */
export function normalizeTag(kind: TagKind, tag: string): string {
  const prefix = kind === "hashtag" ? "#" : "@";
  const bare = tag.trim().replace(/^[#@]+/, "");
  return `${prefix}${bare.toLowerCase()}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** True when `tag` (normalised) occurs in `text` as a whole tag. */
export function containsTag(text: string, kind: TagKind, tag: string): boolean {
  const wanted = normalizeTag(kind, tag);
  if (wanted.length < 2) return false;
  // Before: start or a character that cannot be part of a word/tag. After: not a tag character
  // (a trailing "." or "," is punctuation, but "_" or a letter would extend the tag).
  const tagChars = kind === "mention" ? "\\p{L}\\p{N}\\p{M}_." : "\\p{L}\\p{N}\\p{M}_";
  const re = new RegExp(`(?:^|[^\\p{L}\\p{N}\\p{M}_#@&/])${escape(wanted)}(?![${tagChars}]*[\\p{L}\\p{N}\\p{M}_])`, "iu");
  return re.test(text.normalize("NFC"));
}

/** Splits required tags into found and missing, keeping the normalised spelling. */
export function matchTags(text: string, kind: TagKind, tags: readonly string[]): { found: string[]; missing: string[] } {
  const found: string[] = [];
  const missing: string[] = [];
  for (const tag of new Set(tags.map((t) => normalizeTag(kind, t)))) (containsTag(text, kind, tag) ? found : missing).push(tag);
  return { found, missing };
}
