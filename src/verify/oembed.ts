// oEmbed verifiers: YouTube, TikTok and X publish post data without an API key. The endpoint
// answers 200 with JSON for a public post and 404 (or 410) for a post that does not exist;
// anything else (401/403 private, 429, network trouble) means "we could not tell".
import { z } from "zod";
import { normalizeHandle } from "../domain/handles.js";
import type { Network, ParsedPost } from "../domain/links.js";
import type { SafeFetcher } from "./safe-fetch.js";
import { htmlToText, type Seen } from "./text.js";

const oembedSchema = z
  .object({
    title: z.string().max(20_000).optional(),
    author_name: z.string().max(500).optional(),
    author_url: z.string().max(2000).optional(),
    author_unique_id: z.string().max(200).optional(),
    html: z.string().max(200_000).optional(),
  })
  .loose();
export type OembedData = z.infer<typeof oembedSchema>;

export type OembedAnswer = { kind: "found"; data: OembedData } | { kind: "gone"; status: number } | { kind: "unknown"; note: string; status?: number };

export async function fetchOembed(fetcher: SafeFetcher, endpoint: string, postUrl: string, extra: Record<string, string> = {}): Promise<OembedAnswer> {
  const url = new URL(endpoint);
  url.searchParams.set("url", postUrl);
  url.searchParams.set("format", "json");
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  const res = await fetcher.get(url.toString(), "application/json");
  if (!res.ok) {
    if (res.code === "fetch.bad_status" && (res.status === 404 || res.status === 410)) return { kind: "gone", status: res.status };
    const note = `oembed ${res.code}${res.status ? ` ${res.status}` : ""}`;
    return res.status ? { kind: "unknown", note, status: res.status } : { kind: "unknown", note };
  }
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    return { kind: "unknown", note: "oembed answer is not JSON" };
  }
  const parsed = oembedSchema.safeParse(json);
  return parsed.success ? { kind: "found", data: parsed.data } : { kind: "unknown", note: "oembed answer has an unexpected shape" };
}

/** A handle from an author profile URL (or bare id), normalised like registered handles. */
export function authorFrom(network: Network, ...candidates: Array<string | undefined>): string | undefined {
  for (const c of candidates) {
    if (!c) continue;
    const h = normalizeHandle(network, c);
    if (h.ok) return h.value.handle;
  }
  return undefined;
}

/** The tweet's own text: the first <p> of the blockquote (the rest is "— Name (@handle) date"). */
export function tweetText(html: string): string | undefined {
  const p = /<p\b[^>]*>([\s\S]*?)<\/p>/i.exec(html);
  return p ? htmlToText(p[1]!) : undefined;
}

function fromAnswer(post: ParsedPost, answer: OembedAnswer, read: (d: OembedData) => { author?: string; text?: string }): Seen {
  if (answer.kind === "gone") return { network: post.network, source: "oembed", exists: "no", confidence: "high", notes: [`oembed answered ${answer.status}`] };
  if (answer.kind === "unknown") {
    // 401/403 is a definite answer ("private" or "embedding disabled"), not a transient failure:
    // source "oembed" tells the jobs that checking again later will not help.
    if (answer.status === 401 || answer.status === 403)
      return { network: post.network, source: "oembed", exists: "unknown", confidence: "low", notes: [answer.note, "not public (private or embedding disabled): manual review"] };
    return { network: post.network, source: "none", exists: "unknown", confidence: "low", notes: [answer.note] };
  }
  const { author, text } = read(answer.data);
  const notes: string[] = [];
  if (author === undefined) notes.push("oembed shows no recognisable author");
  if (text === undefined) notes.push("oembed shows no text");
  const seen: Seen = { network: post.network, source: "oembed", exists: "yes", confidence: author && text ? "high" : "medium", notes };
  if (author !== undefined) seen.authorSeen = author;
  if (text !== undefined) seen.textSeen = text;
  return seen;
}

export async function seeYoutube(fetcher: SafeFetcher, endpoint: string, post: ParsedPost): Promise<Seen> {
  const answer = await fetchOembed(fetcher, endpoint, post.canonicalUrl);
  return fromAnswer(post, answer, (d) => ({ author: authorFrom("youtube", d.author_url), text: d.title }));
}

export async function seeTiktok(fetcher: SafeFetcher, endpoint: string, post: ParsedPost): Promise<Seen> {
  const answer = await fetchOembed(fetcher, endpoint, post.canonicalUrl);
  // title is the caption, hashtags included.
  return fromAnswer(post, answer, (d) => ({ author: authorFrom("tiktok", d.author_unique_id, d.author_url), text: d.title }));
}

export async function seeX(fetcher: SafeFetcher, endpoint: string, post: ParsedPost): Promise<Seen> {
  const answer = await fetchOembed(fetcher, endpoint, post.canonicalUrl, { omit_script: "1", dnt: "true" });
  return fromAnswer(post, answer, (d) => ({ author: authorFrom("x", d.author_url), text: d.html ? tweetText(d.html) : undefined }));
}
