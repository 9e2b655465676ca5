// Enqueueing thousands of outbox rows at once (mission announcements, broadcasts, cycle
// notices): multi-row INSERT … ON CONFLICT ("dedupeKey") DO NOTHING, so a repeat — a second
// publish click, a retried job — inserts nothing, in one statement per ~3,000 rows instead of a
// read and a write per 500 (outbox.enqueue, which stays the API for a few rows).
import type { Db } from "../db/client.js";
import { bulkInsert, clientProvider } from "./bulk-insert.js";
import type { OutboxItem } from "./outbox.js";

const COLUMNS = [
  { name: "platform" }, { name: "recipient" }, { name: "influencerId" }, { name: "purpose" }, { name: "batchKey" },
  { name: "payload", cast: "jsonb" }, { name: "dedupeKey" }, { name: "notBefore" }, { name: "createdAt" },
];

/** Inserts the items whose dedupe key is new; returns how many were inserted. */
export async function enqueueMany(db: Db, items: OutboxItem[], now: Date): Promise<number> {
  const rows = items.map((i) => [
    i.platform, i.recipient, i.influencerId ?? null, i.purpose, i.batchKey ?? null, JSON.stringify(i.payload), i.dedupeKey, i.notBefore ?? now, now,
  ]);
  return bulkInsert(db, clientProvider(db), "OutboxMessage", COLUMNS, rows, { onConflictDoNothing: "dedupeKey" });
}
