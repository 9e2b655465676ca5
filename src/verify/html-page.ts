// Open Graph / HTML fallback for networks without a keyless oEmbed (Instagram, Facebook,
// LinkedIn, Twitch) and to add the description to a YouTube title. The page is fetched through
// the safe fetcher and parsed with open-graph-scraper from the HTML string (ogs never fetches).
// Login walls answer 200 with a generic page: without a description we say "unknown", never "yes".
import ogs from "open-graph-scraper";
import { parsePostUrl, type ParsedPost } from "../domain/links.js";
import type { SafeFetcher } from "./safe-fetch.js";
import { decodeEntities, type Seen } from "./text.js";

export type PageData = { status: "found"; title?: string; description?: string; author?: string; samePost: boolean } | { status: "gone" } | { status: "unknown"; note: string };

// YouTube puts the full description in the player JSON; meta description is cut at ~160 chars.
function youtubeDescription(html: string): string | undefined {
  const m = /"shortDescription":"((?:[^"\\]|\\.){0,10000})"/.exec(html);
  if (!m) return undefined;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return undefined;
  }
}

// Public Instagram post pages describe themselves as
// "1,234 likes, 56 comments - maria.fit on January 1, 2024: "caption"": the author comes before
// the caption, so anchoring at the start keeps a caption from faking it.
function instagramAuthor(description: string | undefined): string | undefined {
  const m = /^[\d.,]+[KkMm]? likes?, [\d.,]+[KkMm]? comments? - ([A-Za-z0-9._]{1,30}) on [A-Z][a-z]+ \d{1,2}, \d{4}:/.exec(description ?? "");
  return m?.[1]?.toLowerCase();
}

export async function readPage(fetcher: SafeFetcher, pageUrl: string, post: ParsedPost): Promise<PageData> {
  const res = await fetcher.get(pageUrl, "text/html");
  if (!res.ok) {
    if (res.code === "fetch.bad_status" && (res.status === 404 || res.status === 410)) return { status: "gone" };
    return { status: "unknown", note: `page ${res.code}${res.status ? ` ${res.status}` : ""}` };
  }
  let og: Awaited<ReturnType<typeof ogs>>["result"];
  try {
    og = (await ogs({ html: res.body })).result;
  } catch {
    return { status: "unknown", note: "page has no readable metadata" };
  }
  const clean = (s: string | undefined) => (s && s.trim() ? decodeEntities(s.trim()) : undefined);
  const description = (post.network === "youtube" ? youtubeDescription(res.body) : undefined) ?? clean(og.ogDescription) ?? clean(og.twitterDescription);
  // og:url names the post the page is really about (after redirects, login walls); when it is
  // a post URL it may also name the author.
  const ogPost = og.ogUrl ? parsePostUrl(og.ogUrl) : undefined;
  const samePost = ogPost === undefined || !ogPost.ok || ogPost.value.postId === post.postId;
  const data: PageData = { status: "found", samePost };
  const title = clean(og.ogTitle);
  if (title) data.title = title;
  if (description) data.description = description;
  const author = ogPost?.ok && ogPost.value.authorHandle ? ogPost.value.authorHandle : post.network === "instagram" ? instagramAuthor(description) : undefined;
  if (author && samePost) data.author = author;
  return data;
}

/** What an HTML page alone tells about a post (Instagram, Facebook, LinkedIn, Twitch). */
export function seenFromPage(post: ParsedPost, page: PageData): Seen {
  const base = { network: post.network, source: "html" as const };
  if (page.status === "gone") return { ...base, exists: "no", confidence: "medium", notes: ["page answered not found"] };
  if (page.status === "unknown") return { ...base, source: "none", exists: "unknown", confidence: "low", notes: [page.note, "data not public: manual review"] };
  if (!page.samePost || !page.description)
    return { ...base, exists: "unknown", confidence: "low", notes: ["page shows no post data (login wall or private): manual review"] };
  const seen: Seen = { ...base, exists: "yes", confidence: page.author ? "medium" : "low", textSeen: [page.title, page.description].filter(Boolean).join("\n"), notes: [] };
  if (page.author) seen.authorSeen = page.author;
  else seen.notes.push("page does not show the author");
  return seen;
}
