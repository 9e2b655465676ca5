// The token-bucket arithmetic that instances on one PostgreSQL share through a RateBucket row
// (shared-rate-limit.ts runs the same formula in one SQL statement). A take always succeeds: when
// the bucket is empty it goes negative, which reserves the next free slot, and the caller waits
// until then. Sends through one bucket are therefore spaced by 1/perSecond once its capacity is
// spent, whatever the number of instances — no read-then-write race, no retry loop.

export interface BucketState {
  /** may be negative: slots already reserved by callers that are waiting */
  tokens: number;
  /** epoch ms the tokens were last brought up to date (never moves backwards) */
  refilledAt: number;
}

export interface BucketRate {
  perSecond: number;
  /** most tokens a quiet bucket holds: the burst allowed after a pause (1 = strict spacing) */
  capacity: number;
}

/** An unused bucket: full. */
export function fullBucket(rate: BucketRate, now: number): BucketState {
  return { tokens: rate.capacity, refilledAt: now };
}

/** Tokens at `now`: refilled at perSecond since refilledAt, never above capacity. A clock behind refilledAt adds nothing. */
export function refill(state: BucketState, rate: BucketRate, now: number): BucketState {
  const elapsed = Math.max(0, now - state.refilledAt);
  return { tokens: Math.min(rate.capacity, state.tokens + (elapsed * rate.perSecond) / 1000), refilledAt: Math.max(state.refilledAt, now) };
}

/** Takes one token at `now`; waitMs is how long the caller must wait before using it (0 = now). */
export function take(state: BucketState | undefined, rate: BucketRate, now: number): { state: BucketState; waitMs: number } {
  const current = refill(state ?? fullBucket(rate, now), rate, now);
  const next = { tokens: current.tokens - 1, refilledAt: current.refilledAt };
  return { state: next, waitMs: waitFor(next, rate, now) };
}

/**
 * The platform said "retry after": no token before `until`, and the first take after the pause
 * waits until exactly `until` (slots reserved beyond it stay reserved).
 */
export function pauseUntil(state: BucketState | undefined, rate: BucketRate, now: number, until: number): BucketState {
  const current = refill(state ?? fullBucket(rate, now), rate, now);
  const debt = (Math.max(0, until - current.refilledAt) * rate.perSecond) / 1000;
  return { tokens: Math.min(current.tokens, 1 - debt), refilledAt: current.refilledAt };
}

/** After a take left `state`, ms until the taken token exists (the bucket is back at zero). */
export function waitFor(state: BucketState, rate: BucketRate, now: number): number {
  if (state.tokens >= 0) return 0;
  return Math.max(0, state.refilledAt + (-state.tokens * 1000) / rate.perSecond - now);
}
