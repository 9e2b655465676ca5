// Flow state persistence: the Conversation row holds flow, step, data (zod-validated JSON),
// version (optimistic concurrency) and expiresAt. Every write requires the version it read.
import { z } from "zod";
import { AppError } from "../errors.js";
import type { Deps } from "../services/deps.js";
import type { FlowApi, FlowState } from "./context.js";

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

export class StoredFlow implements FlowApi {
  private state: FlowState | null;
  private version: number;

  constructor(private readonly deps: Deps, private readonly key: string, row: Row) {
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

  private async write(next: { flow: string; step: string; data: Record<string, unknown>; expiresAt: Date | null } | null): Promise<void> {
    const r = await this.deps.db.conversation.updateMany({
      where: { key: this.key, version: this.version },
      data: next
        ? { flow: next.flow, step: next.step, data: next.data as object, expiresAt: next.expiresAt, version: { increment: 1 } }
        : { flow: null, step: null, data: {}, expiresAt: null, version: { increment: 1 } },
    });
    if (r.count !== 1) throw new AppError("flow_conflict", "conversation state changed concurrently", { context: { key: this.key } });
    this.version += 1;
    this.state = next ? { ...next, version: this.version } : null;
  }
}
