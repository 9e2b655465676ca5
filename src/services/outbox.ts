// Enqueueing into the outbox. Every message that is not a direct reply is a row with a unique
// dedupe key, so enqueueing the same purpose for the same recipient twice is a no-op.
import type { Db } from "../db/client.js";
import type { Platform } from "../engine/events.js";
import type { OutboundMessage } from "../engine/message.js";
import { inChunks, isUniqueViolation } from "./deps.js";

/** Rendered at send time in the recipient's current locale, or sent as given. */
export type OutboxPayload =
  | { kind: "i18n"; messageId: string; params?: Record<string, string | number>; buttons?: OutboundMessage["buttons"] }
  | { kind: "message"; message: OutboundMessage };

export interface OutboxItem {
  platform: Platform;
  recipient: string;
  influencerId?: number | null;
  purpose: string;
  batchKey?: string | null;
  dedupeKey: string;
  payload: OutboxPayload;
  notBefore?: Date;
}

const CHUNK = 500;

/** Inserts the items whose dedupe key is new; returns how many were inserted. */
export async function enqueue(db: Db, items: OutboxItem[]): Promise<number> {
  let inserted = 0;
  await inChunks(items, CHUNK, async (chunk) => {
    const existing = await db.outboxMessage.findMany({
      where: { dedupeKey: { in: chunk.map((i) => i.dedupeKey) } },
      select: { dedupeKey: true },
    });
    const seen = new Set(existing.map((e) => e.dedupeKey));
    const fresh = chunk.filter((i) => {
      if (seen.has(i.dedupeKey)) return false;
      seen.add(i.dedupeKey);
      return true;
    });
    if (!fresh.length) return;
    const rows = fresh.map(toRow);
    try {
      const r = await db.outboxMessage.createMany({ data: rows });
      inserted += r.count;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // Another writer enqueued some of the same keys in between: fall back to one by one.
      for (const row of rows) {
        try {
          await db.outboxMessage.create({ data: row });
          inserted++;
        } catch (inner) {
          if (!isUniqueViolation(inner)) throw inner;
        }
      }
    }
  });
  return inserted;
}

function toRow(i: OutboxItem) {
  return {
    platform: i.platform,
    recipient: i.recipient,
    influencerId: i.influencerId ?? null,
    purpose: i.purpose,
    batchKey: i.batchKey ?? null,
    dedupeKey: i.dedupeKey,
    payload: i.payload as object,
    ...(i.notBefore ? { notBefore: i.notBefore } : {}),
  };
}
