// Send budgets shared by every instance on one PostgreSQL: a RateBucket row per platform and per
// chat, updated by one atomic upsert per send (the formula of token-bucket.ts in SQL). Taking a
// token never fails: an empty bucket goes negative, which reserves the next free slot, and the
// instance waits until then. So two instances together never exceed the configured rate, and a
// 429 seen by one pauses all. The caller's clock is used (hosts are expected to run NTP; a clock
// ahead by d ms can gain d × rate tokens, a clock behind gains nothing). SQLite runs one instance
// and keeps the in-process RateLimiter alone.
import type { Db } from "../db/client.js";
import type { Platform } from "../engine/events.js";
import type { PlatformLimits } from "./rate-limiter.js";
import { waitFor, type BucketRate } from "./token-bucket.js";

/** Strict spacing, like the in-process limiter: no burst after a quiet spell. */
const CAPACITY = 1;
/** Idle per-chat rows are swept at most this often (a 100k broadcast leaves 100k full buckets). */
const SWEEP_EVERY_MS = 60_000;

interface BucketRow {
  key: string;
  tokens: number;
  refilledAt: number;
  perSecond: number;
}

const UPSERT_SET = `
  "perSecond" = EXCLUDED."perSecond", "capacity" = EXCLUDED."capacity",
  "refilledAt" = GREATEST(b."refilledAt", EXCLUDED."refilledAt")`;
/** tokens at the caller's now: refilled since refilledAt, capped (token-bucket.ts `refill`) */
const REFILLED = `LEAST(EXCLUDED."capacity", b."tokens" + GREATEST(0, EXCLUDED."refilledAt" - b."refilledAt") * EXCLUDED."perSecond" / 1000)`;

export class SharedRateLimit {
  private readonly buckets: { suffix: (chat: string) => string; rate: BucketRate }[] = [];
  private sweptAt = 0;

  constructor(private readonly db: Db, private readonly platform: Platform, limits: PlatformLimits) {
    if (limits.perSecond) this.buckets.push({ suffix: () => "", rate: { perSecond: limits.perSecond, capacity: CAPACITY } });
    if (limits.perChatPerSecond) this.buckets.push({ suffix: (chat) => `:chat:${chat}`, rate: { perSecond: limits.perChatPerSecond, capacity: CAPACITY } });
  }

  get active(): boolean {
    return this.buckets.length > 0;
  }

  /**
   * Takes a token from the platform's bucket and the chat's, in one statement (rows always
   * locked in the same order, platform first, so concurrent callers cannot deadlock). Returns the
   * ms to wait before sending. Both tokens are spent even when only one bucket makes the caller
   * wait: conservative, never over the limit.
   */
  async acquire(chat: string, now: number): Promise<number> {
    if (!this.buckets.length) return 0;
    const params: unknown[] = [now];
    const values = this.buckets.map((b) => {
      params.push(this.platform + b.suffix(chat), b.rate.perSecond, b.rate.capacity);
      const n = params.length;
      return `($${n - 2}, $${n - 1}::float8, $${n}::float8, $${n}::float8 - 1, $1::float8)`;
    });
    const rows = await this.db.$queryRawUnsafe<BucketRow[]>(
      `INSERT INTO "RateBucket" AS b ("key", "perSecond", "capacity", "tokens", "refilledAt") VALUES ${values.join(", ")}
       ON CONFLICT ("key") DO UPDATE SET "tokens" = ${REFILLED} - 1, ${UPSERT_SET}
       RETURNING "key", "tokens", "refilledAt", "perSecond"`,
      ...params,
    );
    return Math.max(0, ...rows.map((r) => waitFor({ tokens: Number(r.tokens), refilledAt: Number(r.refilledAt) }, { perSecond: Number(r.perSecond), capacity: CAPACITY }, now)));
  }

  /** The platform answered 429: every instance waits until `until` (token-bucket.ts `pauseUntil`). */
  async pause(now: number, until: number): Promise<void> {
    const overall = this.buckets.find((b) => b.suffix("") === "");
    if (!overall) return;
    const { perSecond, capacity } = overall.rate;
    await this.db.$executeRawUnsafe(
      `INSERT INTO "RateBucket" AS b ("key", "perSecond", "capacity", "tokens", "refilledAt")
       VALUES ($1, $2::float8, $3::float8, LEAST($3::float8, 1 - GREATEST(0, $5::float8 - $4::float8) * $2::float8 / 1000), $4::float8)
       ON CONFLICT ("key") DO UPDATE SET
         "tokens" = LEAST(${REFILLED}, 1 - GREATEST(0, $5::float8 - GREATEST(b."refilledAt", EXCLUDED."refilledAt")) * EXCLUDED."perSecond" / 1000),
         ${UPSERT_SET}`,
      this.platform, perSecond, capacity, now, until,
    );
  }

  /** Deletes this platform's per-chat buckets that are full again (the same as no row), at most once a minute. */
  async sweep(now: number): Promise<void> {
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    await this.db.$executeRawUnsafe(
      `DELETE FROM "RateBucket" WHERE "key" LIKE $1 AND "tokens" + ($2::float8 - "refilledAt") * "perSecond" / 1000 >= "capacity"`,
      `${this.platform}:chat:%`, now,
    );
  }
}
