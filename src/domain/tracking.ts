// Pure rules of tracking links: which requests are previews, where a click is sent (landing URL +
// click id + UTM tags), mission slugs, and money in integer minor units (ISO 4217 exponents).

/** Link unfurlers and crawlers: redirected, but counted as previews, never as clicks. */
const PREVIEW_AGENTS = ["slackbot", "telegrambot", "discordbot", "facebookexternalhit", "twitterbot", "whatsapp", "linkedinbot", "googlebot", "bingbot"];

export interface RequestTraits {
  method: string;
  userAgent?: string | undefined;
  purpose?: string | undefined;
  secPurpose?: string | undefined;
}

export function isPreviewRequest(r: RequestTraits): boolean {
  if (r.method.toUpperCase() === "HEAD") return true;
  if ([r.purpose, r.secPurpose].some((p) => p !== undefined && /(^|[\s;,])prefetch($|[\s;,])/i.test(p))) return true;
  const ua = (r.userAgent ?? "").toLowerCase();
  return PREVIEW_AGENTS.some((bot) => ua.includes(bot));
}

/** "Summer drop — 2026!" → "summer-drop-2026"; ASCII only so analytics tools show it as is. */
export function missionSlug(m: { id: number; title: string }): string {
  const s = m.title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  return s ? `${s}-${m.id}` : `mission-${m.id}`;
}

export interface Destination {
  landingUrl: string;
  clickParam: string;
  /** null for previews: they get the landing page without a click id */
  clickId: string | null;
  campaign: string;
  content: string;
}

/**
 * The landing URL with the click id (replacing one already there) and the UTM tags the
 * manager's URL does not set itself; its own query and fragment stay. Null when the stored URL
 * is not http(s) — the redirect never sends anyone elsewhere.
 */
export function destinationUrl(d: Destination): string | null {
  let url: URL;
  try {
    url = new URL(d.landingUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  url.searchParams.delete(d.clickParam);
  if (d.clickId) url.searchParams.append(d.clickParam, d.clickId);
  const utm: [string, string][] = [["utm_source", "advo"], ["utm_medium", "influencer"], ["utm_campaign", d.campaign], ["utm_content", d.content]];
  for (const [k, v] of utm) if (!url.searchParams.has(k)) url.searchParams.append(k, v);
  return url.toString();
}

/** A link's destination, built once: the preview's URL and the parts around the click id. */
export interface DestinationTemplate {
  /** for previews (no click id) */
  preview: string;
  /** the same URL destinationUrl gives for this click id (base64url: never escaped in a query) */
  withClick(clickId: string): string;
}

// A stand-in click id made of base64url characters, which a query string never escapes, so the
// URL built with it has the real id's text in the same place.
const CLICK_ID_STAND_IN = "zQ7xAdvoClickIdStandIn9kW";

/**
 * destinationUrl once per link instead of once per visit (parsing the URL and rewriting its query
 * was a tenth of a redirect's CPU): the URL is built with a stand-in click id and split around it.
 * When the stand-in happens to occur in the URL already, every click builds its URL in full.
 */
export function destinationTemplate(d: Omit<Destination, "clickId">): DestinationTemplate | null {
  const preview = destinationUrl({ ...d, clickId: null });
  const sample = destinationUrl({ ...d, clickId: CLICK_ID_STAND_IN });
  if (preview === null || sample === null) return null;
  const at = sample.indexOf(CLICK_ID_STAND_IN);
  if (at < 0 || sample.lastIndexOf(CLICK_ID_STAND_IN) !== at) return { preview, withClick: (clickId) => destinationUrl({ ...d, clickId })! };
  const before = sample.slice(0, at);
  const after = sample.slice(at + CLICK_ID_STAND_IN.length);
  return { preview, withClick: (clickId) => (/^[A-Za-z0-9_-]+$/.test(clickId) ? before + clickId + after : destinationUrl({ ...d, clickId })!) };
}

/** A mission landing URL: https only, at most 2,000 characters. */
export function isValidLandingUrl(s: string): boolean {
  if (s.length > 2000) return false;
  try {
    const u = new URL(s);
    return u.protocol === "https:" && !!u.hostname && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** The ISO 4217 exponent (JPY 0, EUR 2, KWD 3) from Intl; null for codes Intl does not know. */
/**
 * Exponents already looked up: the report converts money for every row (10k people × 5 amounts),
 * and each lookup built Intl's list of currencies and a NumberFormat (about 20 µs). Bounded by
 * itself: keys are three letters A–Z (at most 17,576).
 */
const exponents = new Map<string, number | null>();

export function currencyExponent(currency: string): number | null {
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return null;
  const known = exponents.get(code);
  if (known !== undefined) return known;
  let exp: number | null;
  try {
    exp = Intl.supportedValuesOf("currency").includes(code) ? (new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2) : null;
  } catch {
    exp = null;
  }
  exponents.set(code, exp);
  return exp;
}

/**
 * "49.9" EUR → 4990; exact decimal arithmetic on the text (no float rounding). Null when the
 * amount is not a positive decimal with at most the currency's digits.
 */
export function toMinorUnits(amount: string | number, currency: string): number | null {
  const exp = currencyExponent(currency);
  if (exp === null) return null;
  const text = typeof amount === "number" ? (Number.isFinite(amount) ? String(amount) : "") : amount.trim();
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > exp) return null;
  const minor = Number(m[1]) * 10 ** exp + Number((frac || "0").padEnd(exp, "0") || "0");
  return minor > 0 && Number.isSafeInteger(minor) ? minor : null;
}

export function fromMinorUnits(minor: number, currency: string): number {
  const exp = currencyExponent(currency) ?? 2;
  return Number((minor / 10 ** exp).toFixed(exp));
}
