// The lease on one claimed batch of outbox rows. Renewed every third of a lease from the batch
// loop and, while a send is in flight, by a wall-clock heartbeat (a slow API must not let the
// lease lapse), so only a dead instance's rows are ever taken over. A renewal that finds rows gone
// drops them from the waiting list: another instance took them after this one stalled, and
// sending them would be a duplicate.
import type { Db } from "../db/client.js";
import type { Platform } from "../engine/events.js";
import type { Logger } from "../logger.js";
import * as store from "./outbox-store.js";
import type { Timer } from "./timer.js";

export interface BatchLeaseDeps {
  db: Db;
  log: Logger;
  timer: Timer;
  /** epoch ms of the database clock the lease is written in (the app clock) */
  now: () => number;
  platform: Platform;
  owner: string;
  leaseMs: number;
}

export class BatchLease<Item extends { row: { id: number } }> {
  private renewAt: number;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private heartbeatRunning = false;

  /** waiting: the batch's rows not sent yet (renewals remove lost ones); inFlight: send → row id */
  constructor(private readonly deps: BatchLeaseDeps, private readonly waiting: Item[], private readonly inFlight: Map<Promise<void>, number>) {
    this.renewAt = deps.timer.now() + deps.leaseMs / 3;
  }

  until(): Date {
    return new Date(this.deps.now() + this.deps.leaseMs);
  }

  /** A third of the lease has passed since the last renewal from the batch loop. */
  due(): boolean {
    return this.deps.timer.now() >= this.renewAt;
  }

  /** Extends the lease of every waiting and in-flight row; drops waiting rows that are no longer ours. */
  async renew(): Promise<void> {
    const { db, log, owner, platform } = this.deps;
    this.renewAt = this.deps.timer.now() + this.deps.leaseMs / 3;
    const ids = [...this.waiting.map((p) => p.row.id), ...this.inFlight.values()];
    const mine = await store.renewLease(db, owner, ids, this.until());
    if (mine.size === ids.length) return;
    // An in-flight row may just have been recorded by us (sent, requeued): only waiting rows count.
    let lost = 0;
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (mine.has(this.waiting[i]!.row.id)) continue;
      this.waiting.splice(i, 1);
      lost++;
    }
    if (lost) log.warn({ platform, owner, lost }, "outbox rows taken over by another instance after this one's lease lapsed; not sending them");
  }

  /** Right before a send: renews the row's lease; false when another instance has it. */
  async confirm(id: number): Promise<boolean> {
    const { db, log, owner, platform } = this.deps;
    if (await store.confirmClaim(db, owner, id, this.until())) return true;
    log.warn({ platform, owner, outboxId: id }, "outbox row taken over by another instance after this one's lease lapsed; not sending it");
    return false;
  }

  /** Starts the wall-clock heartbeat that renews while sends are in flight. */
  startHeartbeat(): void {
    this.heartbeat = setInterval(() => {
      if (this.heartbeatRunning || this.inFlight.size === 0) return;
      this.heartbeatRunning = true;
      this.renew()
        .catch((err: unknown) => this.deps.log.warn({ err, platform: this.deps.platform }, "outbox lease renewal failed; retrying on the next beat"))
        .finally(() => (this.heartbeatRunning = false));
    }, Math.max(50, this.deps.leaseMs / 3));
    this.heartbeat.unref();
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
  }
}
