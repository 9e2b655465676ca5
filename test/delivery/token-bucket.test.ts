// The shared send budget's arithmetic as a pure function, and the same arithmetic in SQL on
// PostgreSQL: two "instances" taking tokens from one RateBucket row never get slots closer than
// 1/rate, and a 429 seen by one pauses the other.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fullBucket, pauseUntil, refill, take, waitFor, type BucketState } from "../../src/delivery/token-bucket.js";
import { SharedRateLimit } from "../../src/delivery/shared-rate-limit.js";
import { createTestDatabase, testProviders, type TestDatabase } from "../helpers/db.js";

const rate = { perSecond: 5, capacity: 1 };
const T0 = 1_800_000_000_000;

describe("token bucket arithmetic", () => {
  it("given an unused bucket, then the first take is immediate and the next waits one interval", () => {
    const first = take(undefined, rate, T0);
    expect(first.waitMs).toBe(0);
    const second = take(first.state, rate, T0);
    expect(second.waitMs).toBe(200);
  });

  it("given takes faster than the rate, then each reserves the next free slot, 1/rate apart", () => {
    let state: BucketState | undefined;
    const slots: number[] = [];
    for (let i = 0; i < 10; i++) {
      const now = T0 + i * 10; // ten callers within 100 ms
      const r = take(state, rate, now);
      state = r.state;
      slots.push(now + r.waitMs);
    }
    expect(slots.map((s) => Math.round(s - T0))).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800]);
  });

  it("given a quiet spell, then the bucket refills only up to its capacity (no burst beyond it)", () => {
    const burst = { perSecond: 5, capacity: 3 };
    const state = refill({ tokens: -2, refilledAt: T0 }, burst, T0 + 60_000);
    expect(state).toEqual({ tokens: 3, refilledAt: T0 + 60_000 });
    let s: BucketState = state;
    const waits = [0, 1, 2, 3].map(() => {
      const r = take(s, burst, T0 + 60_000);
      s = r.state;
      return r.waitMs;
    });
    expect(waits).toEqual([0, 0, 0, 200]);
  });

  it("given a caller whose clock is behind the bucket's, then it gains no tokens and waits for the bucket's time", () => {
    const state = { tokens: 0, refilledAt: T0 + 1000 };
    expect(refill(state, rate, T0)).toEqual(state);
    expect(take(state, rate, T0).waitMs).toBe(1200);
  });

  it("given a 429 with retry-after, then the next take waits until exactly then, and slots follow 1/rate apart", () => {
    const paused = pauseUntil(fullBucket(rate, T0), rate, T0, T0 + 3000);
    const a = take(paused, rate, T0 + 100);
    expect(T0 + 100 + a.waitMs).toBe(T0 + 3000);
    const b = take(a.state, rate, T0 + 100);
    expect(T0 + 100 + b.waitMs).toBe(T0 + 3200);
    // a pause shorter than what is already reserved changes nothing
    expect(pauseUntil(b.state, rate, T0 + 100, T0 + 500)).toEqual(b.state);
    expect(waitFor({ tokens: 0.5, refilledAt: T0 }, rate, T0)).toBe(0);
  });
});

describe.each(testProviders().filter((p) => p === "postgresql"))("shared rate buckets on %s", (provider) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
  });
  afterEach(async () => database.destroy());

  it("given two instances taking tokens at once, then the SQL reserves the same slots as the pure function", async () => {
    const a = new SharedRateLimit(database.db, "telegram", { perSecond: 5 });
    const b = new SharedRateLimit(database.db, "telegram", { perSecond: 5 });
    const waits = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).acquire(String(i), T0)));
    // concurrent upserts on one row: each got a distinct slot, 200 ms apart, none lost
    expect(waits.sort((x, y) => x - y)).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800]);
    const [row] = await database.db.$queryRawUnsafe<{ tokens: number }[]>(`SELECT "tokens" FROM "RateBucket" WHERE "key" = 'telegram'`);
    let pure: BucketState | undefined;
    for (let i = 0; i < 10; i++) pure = take(pure, { perSecond: 5, capacity: 1 }, T0).state;
    expect(Number(row!.tokens)).toBeCloseTo(pure!.tokens, 9);
  });

  it("given a per-chat limit, then a second message to one chat waits for the chat's slot, not another chat's", async () => {
    const limit = new SharedRateLimit(database.db, "telegram", { perSecond: 100, perChatPerSecond: 1 });
    expect(await limit.acquire("42", T0)).toBe(0);
    expect(await limit.acquire("43", T0 + 10)).toBe(0);
    expect(await limit.acquire("42", T0 + 20)).toBe(980);
  });

  it("given a 429 seen by one instance, then the other waits until the retry-after too", async () => {
    const a = new SharedRateLimit(database.db, "telegram", { perSecond: 5 });
    const b = new SharedRateLimit(database.db, "telegram", { perSecond: 5 });
    expect(await a.acquire("1", T0)).toBe(0);
    await a.pause(T0 + 50, T0 + 3000);
    expect(T0 + 100 + (await b.acquire("2", T0 + 100))).toBe(T0 + 3000);
  });

  it("given per-chat buckets that are full again, then the sweep deletes them and keeps the busy ones", async () => {
    const limit = new SharedRateLimit(database.db, "telegram", { perSecond: 1000, perChatPerSecond: 1 });
    await limit.acquire("old", T0);
    await limit.acquire("busy", T0 + 120_000);
    await limit.acquire("busy", T0 + 120_000);
    await limit.sweep(T0 + 120_000);
    const keys = await database.db.$queryRawUnsafe<{ key: string }[]>(`SELECT "key" FROM "RateBucket" ORDER BY "key"`);
    expect(keys.map((k) => k.key)).toEqual(["telegram", "telegram:chat:busy"]);
  });
});
