// The redirect's code → link cache: a hit reads nothing, entries expire after the TTL, the size is
// bounded (oldest out first) and unknown codes are never cached.
import { describe, expect, it } from "vitest";
import { LinkCache, type CachedLink } from "../../src/services/link-cache.js";

const link = (id: number): CachedLink => ({ id, targetUrl: "https://shop.example/", participationId: null, mission: null, publicCode: null });

describe("link cache", () => {
  it("given repeat visits then the link is read once per TTL, the oldest entry leaves when full, and misses are read every time", async () => {
    let now = 0;
    const reads: string[] = [];
    const known = new Map([["A", link(1)], ["B", link(2)], ["C", link(3)]]);
    const load = async (code: string) => { reads.push(code); return known.get(code) ?? null; };
    const cache = new LinkCache({ max: 2, ttlMs: 1000, now: () => now });
    expect(await cache.get("A", load)).toEqual(link(1));
    expect(await cache.get("A", load)).toEqual(link(1));
    expect(reads).toEqual(["A"]);
    now = 1000; // expired
    await cache.get("A", load);
    expect(reads).toEqual(["A", "A"]);
    await cache.get("B", load);
    await cache.get("C", load); // full: A (the oldest) leaves
    expect(cache.size).toBe(2);
    await cache.get("B", load);
    await cache.get("A", load);
    expect(reads).toEqual(["A", "A", "B", "C", "A"]);
    expect(await cache.get("NOPE", load)).toBeNull();
    expect(await cache.get("NOPE", load)).toBeNull();
    expect(reads.filter((c) => c === "NOPE")).toHaveLength(2);
  });
});
