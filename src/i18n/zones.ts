// Which time zones to offer a person, and finding one from what they type. Both come from Intl
// (CLDR): a locale's likely country ("es-MX" → MX, bare "fr" → FR) and that country's zones, so
// the short list fits where the person probably is, not only the language they speak.
import type { Locale } from "../config.js";
import { canonicalTimeZone } from "./dates.js";
import { aliasZone, localizedZoneNames, searchKey } from "./zone-names.js";

// Where people who speak each language mostly live, most populous first. Payloads stay ≤ 24
// characters (a button payload every platform can carry), so Buenos Aires uses its short alias.
const ZONES_BY_LANGUAGE: Record<Locale, string[]> = {
  en: ["Europe/London", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney"],
  es: ["Europe/Madrid", "America/Mexico_City", "America/Bogota", "America/Buenos_Aires", "America/Santiago", "America/Lima"],
  fr: ["Europe/Paris", "Europe/Brussels", "Europe/Zurich", "America/Toronto", "Africa/Abidjan", "Africa/Casablanca"],
  it: ["Europe/Rome", "Europe/Zurich", "Europe/London", "America/New_York"],
};
const MAX_CHOICES = 8;
/** A country with more zones than this (US, MX, BR) only contributes the language's usual ones. */
const FEW_ZONES = 3;

/** The zones of the country a locale tag most likely means ("es-MX" → Mexico's), or none. */
export function countryZones(localeHint: string | null | undefined): string[] {
  if (!localeHint) return [];
  try {
    const region = new Intl.Locale(localeHint.replace(/_/g, "-")).maximize().region;
    if (!region) return [];
    const zones = (new Intl.Locale(`und-${region}`) as Intl.Locale & { timeZones?: string[] }).timeZones;
    return zones ?? [];
  } catch {
    return [];
  }
}

/**
 * The buttons to offer, best guess first: the zone already known (the platform's or the person's),
 * the language's usual zones that lie in the hinted country, that country's zones when it has
 * few, the rest of the language's usual zones, then UTC.
 */
export function suggestTimeZones(locale: Locale, options: { current?: string | null; localeHint?: string | null } = {}): string[] {
  const country = countryZones(options.localeHint ?? locale);
  const usual = ZONES_BY_LANGUAGE[locale];
  const inCountry = usual.filter((z) => country.includes(z));
  const fromCountry = country.length <= FEW_ZONES ? country.filter((z) => !z.startsWith("Africa/Ceuta") && !z.startsWith("Atlantic/")) : [];
  return [...new Set([...(options.current ? [options.current] : []), ...inCountry, ...fromCountry, ...usual, "UTC"])]
    .filter((z) => z.length <= 24 && canonicalTimeZone(z))
    .slice(0, MAX_CHOICES);
}

/** "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneLabel(zone: string): string {
  return zone === "UTC" ? "UTC" : (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

let allZones: string[] | undefined;
const USUAL = [...new Set(Object.values(ZONES_BY_LANGUAGE).flat())];

/** Zones the suggestion lists offer (the big cities) before the rest, in their list order. */
function usualFirst(zones: string[]): string[] {
  const rank = (z: string) => (USUAL.includes(z) ? USUAL.indexOf(z) : USUAL.length);
  return [...zones].sort((a, b) => rank(a) - rank(b));
}

/**
 * What a typed zone means: an IANA name in any case ("europe/madrid"), a city in the zone id
 * ("madrid", "New York", "bogotá"), or a place in any catalog language ("Roma", "Ciudad de
 * México", "München", "Italia"; see zone-names.ts). One match is the zone; otherwise the zones
 * whose name contains the text, for the person to pick from (at most `limit`).
 */
export function findTimeZones(input: string, limit = MAX_CHOICES): { zone?: string; candidates: string[] } {
  const text = input.trim().slice(0, 60);
  if (!text) return { candidates: [] };
  const exact = canonicalTimeZone(text.replace(/\s+/g, "_"));
  if (exact) return { zone: exact, candidates: [] };
  allZones ??= Intl.supportedValuesOf("timeZone");
  const wanted = searchKey(text);
  const cities = allZones.filter((z) => searchKey(z.split("/").pop() ?? z) === wanted);
  if (cities.length === 1) return { zone: cities[0]!, candidates: [] };
  const alias = aliasZone(text);
  if (alias) return { zone: alias, candidates: [] };
  const named = [...(localizedZoneNames().get(wanted) ?? [])].filter((z) => z.length <= 24);
  if (named.length === 1) return { zone: named[0]!, candidates: [] };
  if (named.length) return { candidates: usualFirst(named).slice(0, limit) };
  const partial = allZones.filter((z) => searchKey(z).includes(wanted) && z.length <= 24);
  return { candidates: partial.slice(0, limit) };
}
