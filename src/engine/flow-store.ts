// Flow state persistence: the Conversation row holds flow, step, data (zod-validated JSON),
// version (optimistic concurrency) and expiresAt. Every write requires the version it read.
// Under a conversation lease (the engine) the writes of one event are kept in memory and the
// last one goes out with the lease release in ONE statement (finish): nobody else may write the
// row while we hold the lease, so deferring changes nothing another event can see.
import { z } from "zod";
import { AppError } from "../errors.js";
import type { Deps } from "../services/deps.js";
import type { FlowApi, FlowState } from "./context.js";
import { releaseLease } from "./intake.js";

const dataSchema = z.record(z.string(), z.unknown());
const DEFAULT_TTL_MS = 30 * 24 * 3600_000;

interface Row {
  flow: string | null;
  step: string | null;
  data: unknown;
  version: number;
  expiresAt: Date | null;
}

export function readFlow(row: Row, now: Date): FlowState | null {
  if (!row.flow || !row.step) return null;
  if (row.expiresAt && row.expiresAt < now) return null;
  const data = dataSchema.safeParse(row.data);
  return { flow: row.flow, step: row.step, data: data.success ? data.data : {}, version: row.version, expiresAt: row.expiresAt };
}

type Next = { flow: string; step: string; data: Record<string, unknown>; expiresAt: Date | null } | null;

export class StoredFlow implements FlowApi {
  private state: FlowState | null;
  private version: number;
  /** under a lease: the state to write at finish (undefined: nothing changed) */
  private pending: Next | undefined;
  private finished = false;

  /** `leaseOwner`: the engine holds the conversation's lease; writes wait for finish(). */
  constructor(private readonly deps: Deps, private readonly key: string, row: Row, private readonly leaseOwner?: string) {
    this.version = row.version;
    this.state = readFlow(row, deps.clock.now());
  }

  get current(): FlowState | null {
    return this.state;
  }

  async start(flow: string, step: string, data: Record<string, unknown> = {}, ttlMs = DEFAULT_TTL_MS): Promise<void> {
    const expiresAt = new Date(this.deps.clock.now().getTime() + ttlMs);
    await this.write({ flow, step, data: dataSchema.parse(data), expiresAt });
  }

  async goto(step: string, data: Record<string, unknown> = {}): Promise<void> {
    const s = this.requireActive();
    await this.write({ flow: s.flow, step, data: dataSchema.parse({ ...s.data, ...data }), expiresAt: s.expiresAt });
  }

  async update(data: Record<string, unknown>): Promise<void> {
    const s = this.requireActive();
    await this.write({ flow: s.flow, step: s.step, data: dataSchema.parse({ ...s.data, ...data }), expiresAt: s.expiresAt });
  }

  async end(): Promise<void> {
    if (!this.state) return;
    await this.write(null);
  }

  private requireActive(): FlowState {
    if (!this.state) throw new AppError("flow_inactive", "no active flow to change");
    return this.state;
  }

  private async write(next: Next): Promise<void> {
    if (this.leaseOwner) {
      if (this.finished) throw new AppError("flow_finished", "flow written after the event finished");
      this.pending = next;
      this.state = next ? { ...next, version: this.version + 1 } : null;
      return;
    }
    await this.store(next, false);
    this.version += 1;
    this.state = next ? { ...next, version: this.version } : null;
  }

  /**
   * The end of the event: the pending state and the lease release in one statement. If the lease
   * is no longer ours (it expired), the state is still written by version, and the lease is left
   * to its new holder. Safe to call twice.
   */
  async finish(): Promise<void> {
    if (!this.leaseOwner || this.finished) return;
    this.finished = true;
    const owner = this.leaseOwner;
    if (this.pending === undefined) return releaseLease(this.deps.db, this.key, owner);
    try {
      const released = await this.deps.db.conversation.updateMany({
        where: { key: this.key, version: this.version, lockOwner: owner },
        data: { ...columns(this.pending), lockOwner: null, lockedUntil: null },
      });
      if (released.count !== 1) await this.store(this.pending, true);
      this.version += 1;
    } finally {
      this.pending = undefined;
    }
  }

  private async store(next: Next, releaseAfter: boolean): Promise<void> {
    const r = await this.deps.db.conversation.updateMany({ where: { key: this.key, version: this.version }, data: columns(next) });
    if (releaseAfter && this.leaseOwner) await releaseLease(this.deps.db, this.key, this.leaseOwner);
    if (r.count !== 1) throw new AppError("flow_conflict", "conversation state changed concurrently", { context: { key: this.key } });
  }
}

function columns(next: Next) {
  return next
    ? { flow: next.flow, step: next.step, data: next.data as object, expiresAt: next.expiresAt, version: { increment: 1 } }
    : { flow: null, step: null, data: {}, expiresAt: null, version: { increment: 1 } };
}
