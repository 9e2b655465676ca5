// Names people type for a time zone, in every catalog language. Most come from CLDR through Intl
// (no list of our own to keep up to date):
// - country names (Intl.DisplayNames: "Italia", "Alemania", "Allemagne") → that country's zones;
// - the zone's own location name, which CLDR gives for zones of countries with several zones
//   ("hora de Ciudad de México", "Ora Città del Messico", "heure : New York").
// CLDR's exemplar cities for single-zone countries ("Roma") and big cities that are not zone ids
// ("München", "Barcelona") are not reachable through Intl, so a small alias table names those,
// each pointing at a zone the suggestion lists offer or at the zone of a country Intl knows.
import { LOCALES } from "../config.js";

/** Normalized search key: no accents, no case, spaces/underscores/hyphens alike. */
export const searchKey = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[’'.]/g, "").replace(/[\s_-]+/g, "_");

// Local spellings of cities whose zone id uses the English name, or that share another city's zone.
const CITY_ALIASES: Record<string, string> = {
  roma: "Europe/Rome", milano: "Europe/Rome", milan: "Europe/Rome", milán: "Europe/Rome", napoli: "Europe/Rome", naples: "Europe/Rome", torino: "Europe/Rome", turin: "Europe/Rome", florence: "Europe/Rome", firenze: "Europe/Rome", venezia: "Europe/Rome", venice: "Europe/Rome",
  barcelona: "Europe/Madrid", barcelone: "Europe/Madrid", sevilla: "Europe/Madrid", seville: "Europe/Madrid", valencia: "Europe/Madrid",
  londres: "Europe/London", londra: "Europe/London",
  parigi: "Europe/Paris", parís: "Europe/Paris", lyon: "Europe/Paris", marseille: "Europe/Paris", marsella: "Europe/Paris", marsiglia: "Europe/Paris",
  bruselas: "Europe/Brussels", bruxelles: "Europe/Brussels",
  ginevra: "Europe/Zurich", genève: "Europe/Zurich", geneva: "Europe/Zurich", ginebra: "Europe/Zurich", zúrich: "Europe/Zurich", zurigo: "Europe/Zurich",
  munich: "Europe/Berlin", münchen: "Europe/Berlin", múnich: "Europe/Berlin", monaco_di_baviera: "Europe/Berlin", hamburg: "Europe/Berlin", hambourg: "Europe/Berlin", frankfurt: "Europe/Berlin", cologne: "Europe/Berlin", köln: "Europe/Berlin", berlín: "Europe/Berlin", berlino: "Europe/Berlin",
  lisboa: "Europe/Lisbon", lisbonne: "Europe/Lisbon", lisbona: "Europe/Lisbon",
  nueva_york: "America/New_York", new_york_city: "America/New_York", nyc: "America/New_York",
  los_ángeles: "America/Los_Angeles", san_francisco: "America/Los_Angeles",
  montréal: "America/Toronto", montreal: "America/Toronto", québec: "America/Toronto", quebec: "America/Toronto",
  cdmx: "America/Mexico_City", guadalajara: "America/Mexico_City", monterrey: "America/Monterrey",
  bogotá: "America/Bogota", medellín: "America/Bogota", medellin: "America/Bogota",
  buenos_aires: "America/Buenos_Aires", córdoba: "America/Argentina/Cordoba",
  casablanca: "Africa/Casablanca", rabat: "Africa/Casablanca", abiyán: "Africa/Abidjan",
};

let aliases: Map<string, string> | undefined;
let names: Map<string, Set<string>> | undefined;

function add(map: Map<string, Set<string>>, name: string, zone: string): void {
  const k = searchKey(name);
  if (!k) return;
  let zones = map.get(k);
  if (!zones) map.set(k, (zones = new Set()));
  zones.add(zone);
}

function zonesOfRegion(region: string): string[] {
  try {
    return (new Intl.Locale(`und-${region}`) as Intl.Locale & { timeZones?: string[] }).timeZones ?? [];
  } catch {
    return [];
  }
}

/** The location part of a zone's generic name ("hora de Ciudad de México" → "Ciudad de México"). */
function locationName(locale: string, zone: string, pattern: { prefix: string; suffix: string }): string | undefined {
  for (const timeZoneName of ["shortGeneric", "longGeneric"] as const) {
    const value = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName }).formatToParts(0).find((p) => p.type === "timeZoneName")?.value;
    if (value && value.length > pattern.prefix.length + pattern.suffix.length && value.startsWith(pattern.prefix) && value.endsWith(pattern.suffix)) {
      return value.slice(pattern.prefix.length, value.length - pattern.suffix.length);
    }
  }
  return undefined;
}

/** The locale's "time of {place}" pattern, learned from a single-zone country (Japan) and its name. */
function locationPattern(locale: string): { prefix: string; suffix: string } | undefined {
  const japan = new Intl.DisplayNames(locale, { type: "region" }).of("JP") ?? "";
  const value = new Intl.DateTimeFormat(locale, { timeZone: "Asia/Tokyo", timeZoneName: "shortGeneric" }).formatToParts(0).find((p) => p.type === "timeZoneName")?.value ?? "";
  const at = japan ? value.indexOf(japan) : -1;
  return at < 0 ? undefined : { prefix: value.slice(0, at), suffix: value.slice(at + japan.length) };
}

/** Every localized name → its zones (built once, lazily: about 700 regions × 4 languages). */
export function localizedZoneNames(): Map<string, Set<string>> {
  if (names) return names;
  const map = new Map<string, Set<string>>();
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const regions: { code: string; zones: string[] }[] = [];
  for (const a of letters) for (const b of letters) {
    const zones = zonesOfRegion(a + b);
    if (zones.length) regions.push({ code: a + b, zones });
  }
  const multiZone = new Set(regions.filter((r) => r.zones.length > 1).flatMap((r) => r.zones));
  for (const locale of LOCALES) {
    const display = new Intl.DisplayNames(locale, { type: "region" });
    for (const r of regions) {
      const name = display.of(r.code);
      if (name && name !== r.code) for (const z of r.zones) add(map, name, z);
    }
    const pattern = locationPattern(locale);
    if (pattern) for (const zone of multiZone) {
      const place = locationName(locale, zone, pattern);
      if (place) add(map, place, zone);
    }
  }
  return (names = map);
}

/** The zone a local city name means ("Roma", "München"), from the alias table. */
export function aliasZone(input: string): string | undefined {
  aliases ??= new Map(Object.entries(CITY_ALIASES).map(([k, v]) => [searchKey(k), v]));
  return aliases.get(searchKey(input));
}
