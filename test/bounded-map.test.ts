import { describe, expect, it } from "vitest";
import { BoundedMap, memoized } from "../src/bounded-map.js";
import { isTimeZone } from "../src/i18n/dates.js";
import { formatMessage, icuCacheSizes } from "../src/i18n/icu.js";

describe("bounded map", () => {
  it("given more entries than its size then the one written longest ago goes first, and a rewrite refreshes an entry", () => {
    const m = new BoundedMap<string, number>(3);
    m.set("a", 1).set("b", 2).set("c", 3);
    m.set("a", 10); // refreshed: now the newest
    m.set("d", 4);
    expect(m.size).toBe(3);
    expect(m.has("b")).toBe(false);
    expect([m.get("a"), m.get("c"), m.get("d")]).toEqual([10, 3, 4]);
  });

  it("given a memoized computation then it runs once per key while the key stays, and again after eviction", () => {
    const m = new BoundedMap<number, number>(2);
    let runs = 0;
    const square = (k: number) => memoized(m, k, (x) => (runs++, x * x));
    expect([square(2), square(2), square(3)]).toEqual([4, 4, 9]);
    expect(runs).toBe(2);
    square(4); // evicts 2
    expect(square(2)).toBe(4);
    expect(runs).toBe(4);
  });

  it("given a size below one then it refuses", () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});

describe("time zone check (remembered answers)", () => {
  it("given valid, invalid and empty names then the answers stay right when asked again", () => {
    for (let round = 0; round < 2; round++) {
      expect(isTimeZone("Europe/Madrid")).toBe(true);
      expect(isTimeZone("europe/madrid")).toBe(true);
      expect(isTimeZone("Mars/Olympus")).toBe(false);
      expect(isTimeZone("")).toBe(false);
      expect(isTimeZone(null)).toBe(false);
    }
  });
});

describe("compiled messages (per locale and zone)", () => {
  it("given dates for more zones than the cache holds, in any letter case, then the cache stays at its bound and every date is still right", () => {
    const zones = Intl.supportedValuesOf("timeZone");
    const at = new Date("2026-06-01T12:00:00Z");
    const variants = zones.flatMap((z) => [z, z.toLowerCase()]).slice(0, icuCacheSizes().bound + 40);
    expect(variants.length).toBeGreaterThan(icuCacheSizes().bound);
    for (const timeZone of variants) {
      const { text } = formatMessage({ locale: "en", timeZone }, "test:bounded-date", "{when, time, short}", { when: at });
      expect(text).toBe(new Intl.DateTimeFormat("en", { timeStyle: "short", timeZone }).format(at));
    }
    expect(icuCacheSizes().scopes).toBeLessThanOrEqual(icuCacheSizes().bound);
  });
});
