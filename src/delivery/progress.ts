// What managers see of a broadcast: how many of its rows are in each state.
import type { Db } from "../db/client.js";

export interface BroadcastProgress {
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  unreachable: number;
  cancelled: number;
  total: number;
}

/** One grouped query over the broadcast's rows (batchKey, indexed). */
export async function broadcastProgress(db: Db, batchKey: string): Promise<BroadcastProgress> {
  const groups = await db.outboxMessage.groupBy({ by: ["status"], where: { batchKey }, _count: { _all: true } });
  const out: BroadcastProgress = { queued: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, cancelled: 0, total: 0 };
  for (const g of groups) {
    const n = g._count._all;
    if (g.status in out && g.status !== "total") out[g.status as keyof BroadcastProgress] += n;
    out.total += n;
  }
  return out;
}

/** Outbox totals by status, for /healthz. */
export async function outboxSummary(db: Db): Promise<Record<string, number>> {
  const groups = await db.outboxMessage.groupBy({ by: ["status"], where: { status: { in: ["queued", "sending", "failed"] } }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}
