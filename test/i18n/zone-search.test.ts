// Finding a time zone from what a person types, in any catalog language: IANA names, the city in
// the zone id, CLDR's country and location names (through Intl) and the small alias table.
import { describe, expect, it } from "vitest";
import { findTimeZones, suggestTimeZones } from "../../src/i18n/zones.js";
import { canonicalTimeZone } from "../../src/i18n/dates.js";
import { aliasZone, localizedZoneNames } from "../../src/i18n/zone-names.js";

describe("time-zone search", () => {
  it.each([
    ["Roma", "Europe/Rome"],
    ["roma", "Europe/Rome"],
    ["Ciudad de México", "America/Mexico_City"],
    ["ciudad de mexico", "America/Mexico_City"],
    ["Città del Messico", "America/Mexico_City"],
    ["Munich", "Europe/Berlin"],
    ["München", "Europe/Berlin"],
    ["Nueva York", "America/New_York"],
    ["Londres", "Europe/London"],
    ["Bruxelles", "Europe/Brussels"],
    ["Italia", "Europe/Rome"],
    ["Giappone", "Asia/Tokyo"],
    ["Japón", "Asia/Tokyo"],
    ["Bogotá", "America/Bogota"],
    ["europe/madrid", "Europe/Madrid"],
    ["New York", "America/New_York"],
  ])("given %s then the zone is %s", (typed, zone) => {
    expect(findTimeZones(typed)).toEqual({ zone, candidates: [] });
  });

  it("given a country with several zones in Spanish or French then its zones are offered, the big city first", () => {
    expect(findTimeZones("México").candidates[0]).toBe("America/Mexico_City");
    expect(findTimeZones("Alemania").candidates).toEqual(["Europe/Berlin", "Europe/Busingen"]);
    expect(findTimeZones("Allemagne").candidates).toEqual(["Europe/Berlin", "Europe/Busingen"]);
  });

  it("given nonsense or a word of the zone-name pattern then nothing matches", () => {
    expect(findTimeZones("Mars/Olympus_Mons")).toEqual({ candidates: [] });
    expect(findTimeZones("heure")).toEqual({ candidates: [] });
    expect(findTimeZones("hora de")).toEqual({ candidates: [] });
    expect(findTimeZones("   ")).toEqual({ candidates: [] });
  });

  it("every alias and every Intl name points at a zone Intl knows, and each suggested zone can be found by its own name", () => {
    const unknown = [...localizedZoneNames().values()].flatMap((zones) => [...zones]).filter((z) => !canonicalTimeZone(z));
    expect(unknown).toEqual([]);
    expect(localizedZoneNames().size).toBeGreaterThan(500); // country names in four languages, at least
    for (const city of ["Roma", "Milano", "Barcelona", "Londra", "Parigi", "Ginevra", "Lisboa", "Montréal", "Bogotá", "Casablanca"]) expect(canonicalTimeZone(aliasZone(city))).toBeDefined();
    for (const locale of ["en", "es", "fr", "it"] as const) {
      for (const zone of suggestTimeZones(locale)) expect(canonicalTimeZone(findTimeZones(zone).zone)).toBe(canonicalTimeZone(zone));
    }
  });
});
