// The outbox dispatcher: claims due rows per platform in batches, renders each in the recipient's
// locale, paces sends under the platform's limits and records every outcome. One loop per platform,
// so a slow Slack channel never holds up Telegram.
import { randomBytes } from "node:crypto";
import type { AppConfig } from "../config.js";
import type { Clock } from "../clock.js";
import type { Db, Provider } from "../db/client.js";
import type { Platform } from "../engine/events.js";
import type { Logger } from "../logger.js";
import { markUnreachable } from "../services/accounts.js";
import * as store from "./outbox-store.js";
import { backoffMs, FIRST_TRANSIENT_RETRY_MS } from "./policy.js";
import type { MessageSender, SendResult } from "./port.js";
import { limitsFromConfig, RateLimiter, type PlatformLimits } from "./rate-limiter.js";
import { clockTimer, type Timer } from "./timer.js";
import { errorCode } from "../errors.js";
import { countDatabaseError, type MetricsHooks } from "../metrics-hooks.js";
import { BatchLease } from "./lease.js";
import { SharedRateLimit } from "./shared-rate-limit.js";
import { addCounts, prepareBatch, zero, type DispatchCounts, type Pending } from "./prepare.js";

export { addCounts, type DispatchCounts };

export interface DeliveryDeps {
  db: Db;
  provider: Provider;
  clock: Clock;
  log: Logger;
  config: AppConfig;
  /** counts a database error that stops a batch (advo_database_errors_total{component="outbox"}) */
  metrics?: MetricsHooks | undefined;
}

export interface DispatcherOptions {
  instanceId?: string;
  /** rows claimed per batch (default 100) */
  batchSize?: number;
  /**
   * lease on claimed rows (default DELIVERY_LEASE_MS, 5 s): renewed before each send and while a
   * send is in flight, so a crashed instance's rows are claimable this long after the crash
   */
  leaseMs?: number;
  /**
   * concurrent sends per platform (default 1: a crash duplicates at most the one message in
   * flight). Raise it when the platform's API latency caps throughput below its rate limit; a
   * crash may then send up to this many messages twice.
   */
  maxInFlight?: number;
  /** wait between polls when nothing is due (default 1 s) */
  idleMs?: number;
  timer?: Timer;
  limits?: Partial<Record<Platform, PlatformLimits>>;
  /**
   * share the rate budgets with the other instances on the same PostgreSQL (RateBucket rows), on
   * top of this instance's own pacing. Ignored on SQLite. The app turns it on for PostgreSQL.
   */
  sharedLimits?: boolean;
}

export class Dispatcher {
  readonly instanceId: string;
  private readonly senders = new Map<Platform, MessageSender>();
  private readonly limiters = new Map<Platform, RateLimiter>();
  private readonly shared = new Map<Platform, SharedRateLimit>();
  private readonly timer: Timer;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxInFlight: number;
  private readonly idleMs: number;
  private seq = 0;
  private stopping = false;
  private readonly wake = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(private readonly deps: DeliveryDeps, senders: MessageSender[], options: DispatcherOptions = {}) {
    this.instanceId = options.instanceId ?? deps.config.INSTANCE_ID ?? `dispatcher-${randomBytes(4).toString("hex")}`;
    this.timer = options.timer ?? clockTimer(deps.clock);
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? deps.config.DELIVERY_LEASE_MS;
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 1);
    this.idleMs = options.idleMs ?? 1000;
    const limits = { ...limitsFromConfig(deps.config), ...options.limits };
    for (const s of senders) {
      this.senders.set(s.platform, s);
      this.limiters.set(s.platform, new RateLimiter(limits[s.platform] ?? {}));
      const bucket = new SharedRateLimit(deps.db, s.platform, limits[s.platform] ?? {});
      if (options.sharedLimits && deps.provider === "postgresql" && bucket.active) this.shared.set(s.platform, bucket);
    }
  }

  get platforms(): Platform[] {
    return [...this.senders.keys()];
  }

  /** Sends until nothing is due on any platform (tests, `npm run bench`, one-shot drains). */
  async drain(): Promise<DispatchCounts> {
    const all = await Promise.all(this.platforms.map(async (p) => {
      let total = zero();
      for (;;) {
        const c = await this.drainBatch(p);
        total = addCounts(total, c);
        if (c.claimed === 0 || this.stopping) return total;
      }
    }));
    return all.reduce(addCounts, zero());
  }

  /** Starts one polling loop per platform. */
  start(): void {
    this.loops = this.platforms.map((p) => this.loop(p));
  }

  /** Graceful: in-flight sends finish and are recorded; unsent claimed rows go back to the queue. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.abort();
    await Promise.all(this.loops);
  }

  private async loop(platform: Platform): Promise<void> {
    while (!this.stopping) {
      try {
        const c = await this.drainBatch(platform);
        if (c.claimed === 0) await this.timer.sleep(this.idleMs, this.wake.signal);
      } catch (err) {
        const code = countDatabaseError(this.deps.metrics, "outbox", err) ?? errorCode(err);
        this.deps.log.error({ err, code, platform }, "outbox dispatch failed; retrying after a pause");
        await this.timer.sleep(this.idleMs * 5, this.wake.signal);
      }
    }
  }

  /** Claims one batch of due rows of a platform and works through it. */
  async drainBatch(platform: Platform): Promise<DispatchCounts> {
    const counts = zero();
    const sender = this.senders.get(platform);
    const limiter = this.limiters.get(platform);
    if (!sender || !limiter || this.stopping) return counts;
    const { db, clock } = this.deps;
    const owner = `${this.instanceId}#${++this.seq}`;
    const rows = await store.claimBatch(db, this.deps.provider, { platform, owner, now: clock.now(), leaseMs: this.leaseMs, limit: this.batchSize });
    counts.claimed = rows.length;
    if (!rows.length) return counts;

    const pending: Pending[] = await prepareBatch({ db, clock, config: this.deps.config }, this.senders.get(platform), platform, rows, counts);
    const inFlight = new Map<Promise<void>, number>();
    const lease = new BatchLease({ db, log: this.deps.log, timer: this.timer, now: () => clock.now().getTime(), platform, owner, leaseMs: this.leaseMs }, pending, inFlight);
    const shared = this.shared.get(platform);
    lease.startHeartbeat();
    // A database error while recording an outcome stops the batch; it is rethrown after the
    // in-flight sends settle (the loop logs it and retries; unrecorded rows come back by lease).
    let failure: unknown;
    try {
      while (pending.length && !this.stopping && failure === undefined) {
        // Next: the row whose chat may be sent to soonest (a chat waiting for its per-chat slot never blocks the others).
        let best = 0;
        let bestAt = Infinity;
        for (let i = 0; i < pending.length; i++) {
          const at = limiter.readyAt((pending[i] as Pending).row.recipient);
          if (at < bestAt) [best, bestAt] = [i, at];
          if (at <= this.timer.now()) break;
        }
        if (lease.due()) {
          await lease.renew();
          continue; // rows may have been dropped: choose again
        }
        const wait = bestAt - this.timer.now();
        if (wait > 0) {
          // Wake at least every third of a lease so a long platform pause cannot let the lease lapse.
          await this.timer.sleep(Math.min(wait, this.leaseMs / 3), this.wake.signal);
          continue; // a pause may have been set meanwhile: choose again
        }
        const [item] = pending.splice(best, 1) as [Pending];
        limiter.take(item.row.recipient, this.timer.now());
        // Other instances spend the same budget: wait for this send's slot in the shared bucket.
        if (shared && !(await this.waitForSharedSlot(shared, item, pending, lease))) continue;
        // Renewed right before the send, and only sent if the row is still ours.
        if (!(await lease.confirm(item.row.id))) continue;
        const p: Promise<void> = this.sendOne(sender, limiter, item, pending, counts, owner)
          .catch((err: unknown) => void (failure ??= err))
          .finally(() => inFlight.delete(p));
        inFlight.set(p, item.row.id);
        if (inFlight.size >= this.maxInFlight) await Promise.race(inFlight.keys());
      }
      await shared?.sweep(this.timer.now());
    } catch (err) {
      failure ??= err; // a renewal or claim check failed: settle what is in flight first
    }
    try {
      await Promise.all(inFlight.keys());
    } finally {
      lease.stopHeartbeat();
    }
    if (failure !== undefined) throw failure;
    // Stopping: what was claimed but not sent goes back to the queue at once (no lease wait).
    await store.releaseClaims(db, owner, pending.map((p) => p.row.id));
    return counts;
  }

  /**
   * Takes the send's token from the shared bucket and sleeps until its slot, renewing the lease
   * meanwhile. False when stopping: the row goes back to the waiting list (released at the end).
   */
  private async waitForSharedSlot(shared: SharedRateLimit, item: Pending, pending: Pending[], lease: BatchLease<Pending>): Promise<boolean> {
    let wait = await shared.acquire(item.row.recipient, this.timer.now());
    while (wait > 0) {
      if (this.stopping) {
        pending.push(item);
        return false;
      }
      const step = Math.min(wait, this.leaseMs / 3);
      await this.timer.sleep(step, this.wake.signal);
      wait -= step;
      if (lease.due()) await lease.renew();
    }
    return true;
  }

  private async sendOne(sender: MessageSender, limiter: RateLimiter, item: Pending, pending: Pending[], counts: DispatchCounts, owner: string): Promise<void> {
    const { db, clock, config, log } = this.deps;
    const { row } = item;
    let result: SendResult;
    try {
      result = item.edit && sender.editMessage ? await sender.editMessage(item.edit.recipient, item.edit.messageId, item.message) : await sender.send(row.recipient, item.message, item.thread ? { thread: item.thread } : undefined);
    } catch (err) {
      // A sender that throws had a transient problem (network, 5xx): retried with backoff.
      result = { status: "retry", afterSeconds: 0, error: err instanceof Error ? err.message : String(err) };
    }
    const now = clock.now();
    switch (result.status) {
      case "sent":
        await store.markSent(db, row.id, now, result.messageId);
        counts.sent++;
        return;
      case "retry": {
        counts.retried++;
        const afterMs = Math.max(0, result.afterSeconds) * 1000;
        if (result.rateLimited || !result.error) {
          // A rate-limit answer: the platform asks us to slow down. Pause the whole platform (not
          // only this chat — Telegram and Slack limits are also global), on every instance sharing
          // the budget, and do not count an attempt.
          limiter.pause(this.timer.now() + afterMs);
          await this.shared.get(row.platform as Platform)?.pause(this.timer.now(), this.timer.now() + afterMs);
          await store.requeue(db, row.id, new Date(now.getTime() + afterMs), row.attempts, null, owner);
          return;
        }
        const attempts = row.attempts + 1;
        if (attempts >= config.DELIVERY_MAX_ATTEMPTS) {
          log.error({ platform: row.platform, outboxId: row.id, attempts, error: result.error }, "outbox send gave up after the maximum attempts");
          await store.finish(db, [row.id], "failed", `gave up after ${attempts} attempts: ${result.error}`, attempts);
          counts.retried--;
          counts.failed++;
          return;
        }
        if (result.transient && row.attempts === 0) {
          // Most likely one stale connection: try again in about a second, the platform unpaused.
          log.warn({ platform: row.platform, outboxId: row.id, attempts, error: result.error }, "outbox send failed on the network; retrying in about a second");
          await store.requeue(db, row.id, new Date(now.getTime() + FIRST_TRANSIENT_RETRY_MS), attempts, result.error, owner);
          return;
        }
        if (afterMs) limiter.pause(this.timer.now() + afterMs);
        const delay = Math.max(afterMs, backoffMs(attempts));
        log.warn({ platform: row.platform, outboxId: row.id, attempts, error: result.error, retryInMs: delay }, "outbox send failed; retrying with backoff");
        await store.requeue(db, row.id, new Date(now.getTime() + delay), attempts, result.error, owner);
        return;
      }
      case "unreachable": {
        await store.finish(db, [row.id], "unreachable", result.reason);
        counts.unreachable++;
        await markUnreachable(db, row.platform as Platform, row.recipient, result.reason, now);
        // Their other rows, queued or waiting in this batch, are never sent.
        const mine = pending.filter((p) => p.row.recipient === row.recipient);
        for (const p of mine) pending.splice(pending.indexOf(p), 1);
        await store.finish(db, mine.map((p) => p.row.id), "cancelled", "recipient unreachable");
        counts.cancelled += mine.length + (await store.cancelQueuedFor(db, row.platform as Platform, row.recipient, "recipient unreachable"));
        log.info({ platform: row.platform, outboxId: row.id }, "recipient unreachable; their queued messages cancelled");
        return;
      }
      case "failed":
        await store.finish(db, [row.id], "failed", result.error, row.attempts + 1);
        counts.failed++;
        return;
    }
  }
}
