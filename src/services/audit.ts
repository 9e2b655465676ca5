// The audit log: who did what, to what, when, with before/after where data changed.
import type { Db } from "../db/client.js";

export interface AuditEntry {
  /** platform:userId, "operator" (CLI) or "system" (jobs) */
  actor: string;
  action: string;
  targetType?: string;
  targetId?: string | number;
  outcome?: "ok" | "refused" | "failed";
  before?: unknown;
  after?: unknown;
}

type Writer = Pick<Db, "auditLog">;

export async function audit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      outcome: entry.outcome ?? "ok",
      ...(entry.before === undefined ? {} : { before: toJson(entry.before) }),
      ...(entry.after === undefined ? {} : { after: toJson(entry.after) }),
    },
  });
}

function toJson(value: unknown): object {
  // Dates and bigints must survive JSON storage on both providers.
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as object;
}
