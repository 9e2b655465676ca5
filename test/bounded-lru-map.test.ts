import { describe, expect, it } from "vitest";
import { BoundedLru } from "../src/bounded-map.js";

describe("BoundedLru", () => {
  it("given more keys than its bound then it keeps only the most recent ones", () => {
    const lru = new BoundedLru<string, number>(3);
    for (let i = 0; i < 10_000; i++) lru.set(`u${i}`, i);
    expect(lru.size).toBe(3);
    expect([lru.get("u9997"), lru.get("u9998"), lru.get("u9999"), lru.get("u0")]).toEqual([9997, 9998, 9999, undefined]);
  });

  it("given a key read recently then the least recently used one is evicted instead", () => {
    const lru = new BoundedLru<string, string>(2);
    lru.set("a", "1").set("b", "2");
    expect(lru.get("a")).toBe("1");
    lru.set("c", "3");
    expect([lru.has("a"), lru.has("b"), lru.has("c")]).toEqual([true, false, true]);
  });

  it("given a key set again then it is updated, counted once, and made most recent", () => {
    const lru = new BoundedLru<string, string>(2);
    lru.set("a", "1").set("b", "2").set("a", "3").set("c", "4");
    expect([lru.size, lru.get("a"), lru.has("b")]).toEqual([2, "3", false]);
    expect(lru.delete("a")).toBe(true);
    expect(lru.size).toBe(1);
  });

  it("given a bound below one then it refuses to be built", () => {
    expect(() => new BoundedLru(0)).toThrow(/at least 1/);
  });
});
