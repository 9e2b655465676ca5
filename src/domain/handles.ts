// Social handles as influencers type them ("@Name", "name", or their profile link) → the stored
// form: lower case, no "@", checked against the network's own naming rules, plus a profile URL.
// Pure. The verifier also uses it to turn an oEmbed author_url into a comparable handle.
import { err, ok, type Result } from "../result.js";
import { bareHost, facebookName, networkForHost, parseWebUrl, type Network } from "./links.js";

export type NormalizedHandle = { network: Network; handle: string; profileUrl: string };

/**
 * The most handles one person may register: one on each of the seven networks plus a spare (a
 * second account somewhere). It is also what the /accounts menu can offer as buttons — two rows
 * of four within Discord's five rows — so every handle a person has can be changed or removed.
 */
export const HANDLES_PER_PERSON = 8;

type Rule = {
  /** Valid handle (already lower-cased, without "@"). */
  pattern: RegExp;
  profileUrl: (handle: string) => string;
  /** Profile path → handle candidate, or undefined when the path is not a profile. */
  fromPath: (segs: string[], url: URL) => string | undefined;
  /** Spellings the network treats as the same name → one stored form. */
  canonical?: (handle: string) => string;
};

// Words that are site sections, not people: "x.com/home" is not a profile.
const RESERVED: Partial<Record<Network, string[]>> = {
  x: ["home", "explore", "search", "settings", "i", "intent", "share", "messages", "notifications", "login", "signup", "tos", "privacy"],
  instagram: ["p", "reel", "reels", "tv", "explore", "accounts", "stories", "direct"],
  facebook: ["watch", "groups", "pages", "events", "marketplace", "share", "reel", "profile.php", "login", "help"],
  twitch: ["videos", "directory", "settings", "search", "downloads", "jobs", "p"],
};

const at = (s: string | undefined) => (s?.startsWith("@") ? s.slice(1) : undefined);

const RULES: Record<Network, Rule> = {
  // 1–30: letters, digits, "." and "_"; no leading/trailing or doubled dot.
  instagram: {
    pattern: /^(?!\.)(?!.*\.\.)[a-z0-9._]{1,30}(?<!\.)$/,
    profileUrl: (h) => `https://www.instagram.com/${h}/`,
    fromPath: (s) => s[0],
  },
  // 2–24: letters, digits, "_" and "."; cannot end with a dot.
  tiktok: {
    pattern: /^[a-z0-9_.]{1,23}[a-z0-9_]$/,
    profileUrl: (h) => `https://www.tiktok.com/@${h}`,
    fromPath: (s) => at(s[0]),
  },
  // Handles: 3–30 letters, digits, "_", "-", "."; legacy /c/, /user/ names; /channel/<id> ids.
  youtube: {
    pattern: /^([a-z0-9_.-]{3,30}|uc[a-z0-9_-]{22})$/,
    profileUrl: (h) => (/^uc[a-z0-9_-]{22}$/.test(h) ? `https://www.youtube.com/channel/${h}` : `https://www.youtube.com/@${h}`),
    fromPath: (s) => at(s[0]) ?? (["c", "user", "channel"].includes(s[0] ?? "") ? s[1] : undefined),
  },
  // 1–15: letters, digits and "_".
  x: {
    pattern: /^[a-z0-9_]{1,15}$/,
    profileUrl: (h) => `https://x.com/${h}`,
    fromPath: (s) => s[0],
  },
  // Usernames: 5–50 letters and digits (dots do not count); numeric ids from profile.php?id=.
  facebook: {
    pattern: /^([a-z0-9]{5,50}|\d{5,25})$/,
    canonical: facebookName,
    profileUrl: (h) => (/^\d+$/.test(h) ? `https://www.facebook.com/profile.php?id=${h}` : `https://www.facebook.com/${h}`),
    fromPath: (s, url) => (s[0] === "profile.php" ? (url.searchParams.get("id") ?? undefined) : s[0] === "people" ? s[2] : s[0]),
  },
  // 4–25: letters, digits and "_", not starting with "_".
  twitch: {
    pattern: /^[a-z0-9][a-z0-9_]{3,24}$/,
    profileUrl: (h) => `https://www.twitch.tv/${h}`,
    fromPath: (s) => s[0],
  },
  // Public profile names: 3–100 letters, digits and "-"; company pages as "company/<name>".
  linkedin: {
    pattern: /^(company\/)?[a-z0-9-]{3,100}$/,
    profileUrl: (h) => `https://www.linkedin.com/${h.startsWith("company/") ? h : `in/${h}`}/`,
    fromPath: (s) => (s[0] === "in" ? s[1] : s[0] === "company" && s[1] ? `company/${s[1]}` : undefined),
  },
};

/** The network of a profile link ("https://www.tiktok.com/@name" → "tiktok"), if any. */
export function detectNetworkFromProfileUrl(input: string): Network | undefined {
  const url = parseWebUrl(input);
  if (!url) return undefined;
  const network = networkForHost(url.hostname);
  if (!network) return undefined;
  return profileHandle(network, url) !== undefined ? network : undefined;
}

function profileHandle(network: Network, url: URL): string | undefined {
  const segs = url.pathname.split("/").filter(Boolean);
  let candidate: string | undefined;
  try {
    candidate = RULES[network].fromPath(segs.map((s) => decodeURIComponent(s)), url)?.toLowerCase();
    if (candidate !== undefined && RESERVED[network]?.includes(candidate)) return undefined;
    if (candidate !== undefined) candidate = RULES[network].canonical?.(candidate) ?? candidate;
  } catch {
    return undefined;
  }
  if (!candidate || RESERVED[network]?.includes(candidate)) return undefined;
  return RULES[network].pattern.test(candidate) ? candidate : undefined;
}

/**
 * "@Name", "name" or a profile URL of `network` → { network, handle, profileUrl }.
 * Errors: handle.empty, handle.invalid {network}, handle.wrong_network {network, actual},
 * handle.not_a_profile {network}.
 */
export function normalizeHandle(network: Network, input: string): Result<NormalizedHandle> {
  const text = input.trim();
  if (!text) return err("handle.empty");
  const looksLikeUrl = /^https?:\/\//i.test(text) || /^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(text);
  if (looksLikeUrl) {
    const url = parseWebUrl(text);
    if (!url) return err("handle.invalid", { network });
    const actual = networkForHost(url.hostname);
    if (!actual) return err("handle.not_a_profile", { network });
    if (actual !== network) return err("handle.wrong_network", { network, actual });
    // Post hosts (youtu.be, clips.twitch.tv, fb.watch, vm.tiktok.com) have no profiles.
    if (["youtu.be", "clips.twitch.tv", "fb.watch", "vm.tiktok.com", "vt.tiktok.com"].includes(bareHost(url.hostname)))
      return err("handle.not_a_profile", { network });
    const handle = profileHandle(network, url);
    if (!handle) return err("handle.not_a_profile", { network });
    return ok({ network, handle, profileUrl: RULES[network].profileUrl(handle) });
  }
  const typed = (text.startsWith("@") ? text.slice(1) : text).toLowerCase();
  if (RESERVED[network]?.includes(typed)) return err("handle.invalid", { network });
  const handle = RULES[network].canonical?.(typed) ?? typed;
  if (!RULES[network].pattern.test(handle)) return err("handle.invalid", { network });
  return ok({ network, handle, profileUrl: RULES[network].profileUrl(handle) });
}
