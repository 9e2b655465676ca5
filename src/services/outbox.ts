// Enqueueing into the outbox. Every message that is not a direct reply is a row with a unique
// dedupe key; one multi-row INSERT … ON CONFLICT ("dedupeKey") DO NOTHING per ~3,000 rows, so
// enqueueing the same purpose for the same recipient twice — a second publish click, a retried
// job, two instances at once — inserts nothing.
import type { LocalizedText } from "../i18n/localized-text.js";
import type { Db } from "../db/client.js";
import type { Platform } from "../engine/events.js";
import type { OutboundMessage } from "../engine/message.js";
import { bulkInsert, clientProvider } from "./bulk-insert.js";

/** Rendered at send time in the recipient's current locale and zone, or sent as given. Dates go in params as dateParam(d). */
export type OutboxContent =
  | { kind: "i18n"; messageId: string; params?: Record<string, string | number | { $date: string } | LocalizedText>; buttons?: OutboundMessage["buttons"] }
  | { kind: "message"; message: OutboundMessage }
  /** the message shown as one card (a Discord embed), for community channels */
  | { kind: "card"; message: OutboundMessage }
  /** not a message: the recipient's (a platform user id) membership role granted or revoked */
  | { kind: "membership"; change: "grant" | "revoke" };

/**
 * `edit`: replaces the message the row with dedupe key `of` posted (same platform), once it is posted.
 * `thread`: a reply in the thread of the message the row with dedupe key `parent` posted, once it
 * is posted (a plain message when that one never was).
 */
export type OutboxPayload = OutboxContent | { kind: "edit"; of: string; content: OutboxContent } | { kind: "thread"; parent: string; content: OutboxContent };

export interface OutboxItem {
  platform: Platform;
  recipient: string;
  influencerId?: number | null;
  purpose: string;
  batchKey?: string | null;
  dedupeKey: string;
  payload: OutboxPayload;
  /** due time; defaults to `now` */
  notBefore?: Date;
}

const COLUMNS = [
  { name: "platform" }, { name: "recipient" }, { name: "influencerId" }, { name: "purpose" }, { name: "batchKey" },
  { name: "payload", cast: "jsonb" }, { name: "dedupeKey" }, { name: "notBefore" }, { name: "createdAt" },
];

/** Inserts the items whose dedupe key is new; returns how many were inserted. */
export async function enqueue(db: Db, items: OutboxItem[], now: Date = new Date()): Promise<number> {
  const rows = items.map((i) => [
    i.platform, i.recipient, i.influencerId ?? null, i.purpose, i.batchKey ?? null, JSON.stringify(i.payload), i.dedupeKey, i.notBefore ?? now, now,
  ]);
  return bulkInsert(db, clientProvider(db), "OutboxMessage", COLUMNS, rows, { onConflictDoNothing: "dedupeKey" });
}
