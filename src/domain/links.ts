// Post links as influencers paste them → one canonical URL per post, so the same post cannot be
// submitted twice under different shapes (mobile host, tracking params, short links, /reel vs /p).
// Pure: no network. Only what identifies the post survives; everything else is dropped.
import { err, ok, type Result } from "../result.js";

export const NETWORKS = ["instagram", "tiktok", "youtube", "x", "facebook", "twitch", "linkedin"] as const;
export type Network = (typeof NETWORKS)[number];

export type ParsedPost = { network: Network; canonicalUrl: string; postId: string; authorHandle?: string };

// Sub-domains that are only presentation variants of the main site.
const VARIANT_PREFIXES = ["www.", "m.", "mobile.", "web.", "touch.", "music."];

const HOSTS: Record<string, Network> = {
  "instagram.com": "instagram", "instagr.am": "instagram",
  "tiktok.com": "tiktok", "vm.tiktok.com": "tiktok", "vt.tiktok.com": "tiktok",
  "youtube.com": "youtube", "youtu.be": "youtube", "youtube-nocookie.com": "youtube",
  "x.com": "x", "twitter.com": "x",
  "facebook.com": "facebook", "fb.com": "facebook", "fb.watch": "facebook",
  "twitch.tv": "twitch", "clips.twitch.tv": "twitch",
  "linkedin.com": "linkedin",
};

/** Lower-cases and strips presentation prefixes: "M.YouTube.com" → "youtube.com". */
export function bareHost(hostname: string): string {
  let host = hostname.toLowerCase().replace(/\.$/, "");
  for (let again = true; again; ) {
    again = false;
    for (const p of VARIANT_PREFIXES) {
      if (host.startsWith(p) && host.length > p.length && host.slice(p.length).includes(".")) {
        host = host.slice(p.length);
        again = true;
      }
    }
  }
  return host;
}

/** The network a host belongs to (after bareHost), or undefined. */
export function networkForHost(hostname: string): Network | undefined {
  return HOSTS[bareHost(hostname)];
}

/**
 * Parses user input into a URL: http/https only, no credentials. A missing scheme
 * ("youtu.be/abc") is read as https because people paste links that way.
 */
export function parseWebUrl(input: string): URL | undefined {
  const text = input.trim();
  if (!text || text.length > 2048 || /\s/.test(text)) return undefined;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(text);
  if (hasScheme && !/^https?:\/\//i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password || !url.hostname.includes(".")) return undefined;
  return url;
}

type PostParts = Omit<ParsedPost, "network">;
type Parser = (url: URL, host: string, segs: string[]) => PostParts | undefined;

const YT_ID = /^[A-Za-z0-9_-]{11}$/;
const X_USER = /^[A-Za-z0-9_]{1,15}$/;
const DIGITS = /^\d{1,25}$/;
const TIKTOK_USER = /^[A-Za-z0-9_.]{1,24}$/;
const IG_CODE = /^[A-Za-z0-9_-]{5,64}$/;
const IG_USER = /^[A-Za-z0-9_.]{1,30}$/;
const SLUG = /^[A-Za-z0-9_-]{1,120}$/;
const FB_ID = /^(\d{1,25}|pfbid[A-Za-z0-9]{10,80})$/;
const FB_PAGE = /^[A-Za-z0-9.-]{1,80}$/;

const youtube: Parser = (url, host, segs) => {
  let id: string | undefined;
  if (host === "youtu.be") id = segs[0];
  else if (segs[0] === "watch") id = url.searchParams.get("v") ?? undefined;
  else if (["shorts", "live", "embed", "v", "e"].includes(segs[0] ?? "")) id = segs[1];
  if (!id || !YT_ID.test(id)) return undefined;
  return { canonicalUrl: `https://www.youtube.com/watch?v=${id}`, postId: id };
};

const x: Parser = (_url, _host, segs) => {
  // /i/web/status/<id> and /i/status/<id> carry no author.
  if (segs[0] === "i") {
    const at = segs.indexOf("status");
    const id = at >= 0 ? segs[at + 1] : undefined;
    if (!id || !DIGITS.test(id)) return undefined;
    return { canonicalUrl: `https://x.com/i/web/status/${id}`, postId: id };
  }
  const [user, kind, id] = segs;
  if (!user || !X_USER.test(user) || (kind !== "status" && kind !== "statuses") || !id || !DIGITS.test(id)) return undefined;
  const handle = user.toLowerCase();
  return { canonicalUrl: `https://x.com/${handle}/status/${id}`, postId: id, authorHandle: handle };
};

const tiktok: Parser = (_url, host, segs) => {
  // Short links (vm./vt.tiktok.com/CODE, tiktok.com/t/CODE) hide the author until resolved.
  const short = host === "vm.tiktok.com" || host === "vt.tiktok.com" ? segs[0] : segs[0] === "t" ? segs[1] : undefined;
  if (short !== undefined) {
    if (!SLUG.test(short)) return undefined;
    return { canonicalUrl: `https://vm.tiktok.com/${short}/`, postId: `short:${short}` };
  }
  const [at, kind, id] = segs;
  if (!at?.startsWith("@") || !TIKTOK_USER.test(at.slice(1)) || (kind !== "video" && kind !== "photo") || !id || !DIGITS.test(id)) return undefined;
  const handle = at.slice(1).toLowerCase();
  return { canonicalUrl: `https://www.tiktok.com/@${handle}/${kind}/${id}`, postId: id, authorHandle: handle };
};

const instagram: Parser = (_url, _host, segs) => {
  const kinds = ["p", "reel", "reels", "tv"];
  // Either /p/<code> or the newer /<user>/p/<code>.
  const withUser = segs.length >= 3 && !kinds.includes(segs[0] ?? "") && kinds.includes(segs[1] ?? "");
  const [user, kind, code] = withUser ? segs : [undefined, ...segs];
  if (!kind || !kinds.includes(kind) || !code || !IG_CODE.test(code)) return undefined;
  if (user !== undefined && !IG_USER.test(user)) return undefined;
  // /p/<code> opens photos, reels and IGTV alike: one canonical shape per post.
  const parts: PostParts = { canonicalUrl: `https://www.instagram.com/p/${code}/`, postId: code };
  return user ? { ...parts, authorHandle: user.toLowerCase() } : parts;
};

const facebook: Parser = (url, host, segs) => {
  const q = (k: string) => url.searchParams.get(k) ?? undefined;
  const base = "https://www.facebook.com";
  if (host === "fb.watch") return segs[0] && SLUG.test(segs[0]) ? { canonicalUrl: `https://fb.watch/${segs[0]}/`, postId: `fbwatch:${segs[0]}` } : undefined;
  const [a, b, c, d] = segs;
  if (a === "share" && b && ["p", "v", "r"].includes(b) && c && SLUG.test(c)) return { canonicalUrl: `${base}/share/${b}/${c}/`, postId: `share:${c}` };
  if (a === "reel" && b && DIGITS.test(b)) return { canonicalUrl: `${base}/reel/${b}`, postId: b };
  if (a === "watch") {
    const v = q("v");
    return v && DIGITS.test(v) ? { canonicalUrl: `${base}/watch/?v=${v}`, postId: v } : undefined;
  }
  if (a === "permalink.php" || a === "story.php") {
    const story = q("story_fbid");
    const owner = q("id");
    if (!story || !FB_ID.test(story) || !owner || !DIGITS.test(owner)) return undefined;
    return { canonicalUrl: `${base}/permalink.php?story_fbid=${story}&id=${owner}`, postId: story };
  }
  if (a === "photo.php" || (a === "photo" && !b)) {
    const fbid = q("fbid");
    return fbid && DIGITS.test(fbid) ? { canonicalUrl: `${base}/photo/?fbid=${fbid}`, postId: fbid } : undefined;
  }
  if (a === "groups" && b && FB_PAGE.test(b) && c === "posts" && d && FB_ID.test(d))
    return { canonicalUrl: `${base}/groups/${b.toLowerCase()}/posts/${d}`, postId: d };
  if (!a || !FB_PAGE.test(a) || a.includes(".php")) return undefined;
  const page = facebookName(a);
  // Only a user name identifies the author; a numeric id or an old "Name-123" slug cannot be
  // compared with a registered handle, so it names no author.
  const by = (parts: PostParts): PostParts => (/^[a-z0-9]{5,50}$/.test(page) && !/^\d+$/.test(page) ? { ...parts, authorHandle: page } : parts);
  if (b === "posts" && c && FB_ID.test(c)) return by({ canonicalUrl: `${base}/${page}/posts/${c}`, postId: c });
  if (b === "videos") {
    // /<page>/videos/<id> or /<page>/videos/<title-slug>/<id>
    const id = c && DIGITS.test(c) ? c : d && DIGITS.test(d) ? d : undefined;
    return id ? by({ canonicalUrl: `${base}/${page}/videos/${id}`, postId: id }) : undefined;
  }
  if (b === "photos") {
    const id = [...segs].reverse().find((s) => DIGITS.test(s));
    return id ? by({ canonicalUrl: `${base}/${page}/photos/${id}`, postId: id }) : undefined;
  }
  return undefined;
};

const twitch: Parser = (_url, host, segs) => {
  if (host === "clips.twitch.tv") {
    const slug = segs[0];
    return slug && SLUG.test(slug) && slug !== "embed" ? { canonicalUrl: `https://clips.twitch.tv/${slug}`, postId: `clip:${slug}` } : undefined;
  }
  const [a, b, c] = segs;
  if (a === "videos" && b && DIGITS.test(b)) return { canonicalUrl: `https://www.twitch.tv/videos/${b}`, postId: b };
  if (a && /^[A-Za-z0-9_]{3,25}$/.test(a) && b === "clip" && c && SLUG.test(c))
    return { canonicalUrl: `https://clips.twitch.tv/${c}`, postId: `clip:${c}`, authorHandle: a.toLowerCase() };
  return undefined;
};

const linkedin: Parser = (_url, _host, segs) => {
  const [a, b] = segs;
  const activity = (id: string) => `https://www.linkedin.com/feed/update/urn:li:activity:${id}/`;
  if (a === "feed" && b === "update" && segs[2]) {
    const m = /^urn:li:(activity|share|ugcPost):(\d{5,25})$/.exec(decodeURIComponent(segs[2]));
    if (!m) return undefined;
    const [, kind, id] = m as unknown as [string, string, string];
    return kind === "activity" ? { canonicalUrl: activity(id), postId: id } : { canonicalUrl: `https://www.linkedin.com/feed/update/urn:li:${kind}:${id}/`, postId: `${kind}:${id}` };
  }
  if (a === "posts" && b) {
    // /posts/<vanity>_<text-slug>-activity-<id>-<hash>; vanity names have no underscore.
    const m = /^([A-Za-z0-9-]{3,100})_.*-(?:activity|ugcPost|share)-(\d{5,25})(?:-[A-Za-z0-9_-]+)?$/.exec(decodeURIComponent(b));
    if (!m) return undefined;
    const [, vanity, id] = m as unknown as [string, string, string];
    return { canonicalUrl: activity(id), postId: id, authorHandle: vanity.toLowerCase() };
  }
  return undefined;
};

/** Facebook ignores dots and case in user names: facebook.com/Advo.Brand is facebook.com/advobrand. */
export function facebookName(name: string): string {
  return name.toLowerCase().replace(/\./g, "");
}

const PARSERS: Record<Network, Parser> = { youtube, x, tiktok, instagram, facebook, twitch, linkedin };

/**
 * A pasted post link → its network, canonical URL, post id and (when the URL shows it) author.
 * Errors: link.invalid_url, link.unsupported_network {host}, link.not_a_post {network}.
 */
export function parsePostUrl(input: string): Result<ParsedPost> {
  const url = parseWebUrl(input);
  if (!url) return err("link.invalid_url");
  const host = bareHost(url.hostname);
  const network = HOSTS[host];
  if (!network) return err("link.unsupported_network", { host });
  const segs = url.pathname.split("/").filter(Boolean);
  let parts: PostParts | undefined;
  try {
    parts = PARSERS[network](url, host, segs);
  } catch {
    parts = undefined; // a malformed %-escape in the path
  }
  if (!parts) return err("link.not_a_post", { network });
  return ok({ network, ...parts });
}

export function isNetwork(value: string): value is Network {
  return (NETWORKS as readonly string[]).includes(value);
}
