// The dispatcher's reads and writes of outbox rows. Claiming is one atomic statement per batch:
// rows move queued→sending with a lease (claimedBy, claimedUntil), so several instances never take
// the same row, and a crashed instance's rows become claimable again when the lease expires.
// Every send is recorded right after it happens (one write per message): that is what bounds the
// duplicates after a crash to the messages in flight at the kill.
import type { Db, Provider } from "../db/client.js";
import type { Platform } from "../engine/events.js";

export interface ClaimedRow {
  id: number;
  platform: string;
  recipient: string;
  influencerId: number | null;
  purpose: string;
  payload: unknown;
  attempts: number;
}

interface ClaimRequest {
  platform: Platform;
  /** unique per claim, so the rows of this batch can be read back */
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

const SELECT = { id: true, platform: true, recipient: true, influencerId: true, purpose: true, payload: true, attempts: true } as const;

function claimable(platform: Platform, now: Date) {
  return {
    platform,
    OR: [
      { status: "queued", notBefore: { lte: now } },
      // a crashed (or stuck) instance's batch
      { status: "sending", claimedUntil: { lt: now } },
    ],
  };
}

/** Claims up to `limit` due rows of one platform for `owner`; returns them oldest first. */
export async function claimBatch(db: Db, provider: Provider, req: ClaimRequest): Promise<ClaimedRow[]> {
  const until = new Date(req.now.getTime() + req.leaseMs);
  let ids: number[];
  if (provider === "postgresql") {
    // SKIP LOCKED: concurrent instances take disjoint batches instead of queueing on each other.
    // Timestamps are passed as ISO text and cast: the columns are UTC timestamps without zone.
    const rows = await db.$queryRawUnsafe<{ id: number }[]>(
      `UPDATE "OutboxMessage" SET "status" = 'sending', "claimedBy" = $1, "claimedUntil" = $2::timestamp
       WHERE "id" IN (
         SELECT "id" FROM "OutboxMessage"
         WHERE "platform" = $3
           AND (("status" = 'queued' AND "notBefore" <= $4::timestamp) OR ("status" = 'sending' AND "claimedUntil" < $4::timestamp))
         ORDER BY "id" LIMIT $5
         FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      req.owner, until.toISOString(), req.platform, req.now.toISOString(), req.limit,
    );
    ids = rows.map((r) => Number(r.id));
  } else {
    // SQLite has one writer at a time, so a conditional update over the candidates is atomic.
    const candidates = await db.outboxMessage.findMany({
      where: claimable(req.platform, req.now), select: { id: true }, orderBy: { id: "asc" }, take: req.limit,
    });
    if (!candidates.length) return [];
    ids = candidates.map((c) => c.id);
    await db.outboxMessage.updateMany({
      where: { id: { in: ids }, ...claimable(req.platform, req.now) },
      data: { status: "sending", claimedBy: req.owner, claimedUntil: until },
    });
  }
  if (!ids.length) return [];
  return db.outboxMessage.findMany({
    where: { id: { in: ids }, claimedBy: req.owner, status: "sending" }, select: SELECT, orderBy: { id: "asc" },
  });
}

/** Extends the lease of rows still in a batch; returns the ids that are still this owner's. */
export async function renewLease(db: Db, owner: string, ids: number[], until: Date): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const r = await db.outboxMessage.updateMany({ where: { id: { in: ids }, claimedBy: owner, status: "sending" }, data: { claimedUntil: until } });
  if (r.count === ids.length) return new Set(ids);
  // Some were taken over (this instance stalled past its lease): find out which are still ours.
  const mine = await db.outboxMessage.findMany({ where: { id: { in: ids }, claimedBy: owner, status: "sending" }, select: { id: true } });
  return new Set(mine.map((m) => m.id));
}

/**
 * Right before a send: extends the row's lease and proves it is still ours. False means another
 * instance took it over after our lease lapsed — sending it would be a duplicate.
 */
export async function confirmClaim(db: Db, owner: string, id: number, until: Date): Promise<boolean> {
  const r = await db.outboxMessage.updateMany({ where: { id, claimedBy: owner, status: "sending" }, data: { claimedUntil: until } });
  return r.count === 1;
}

export async function markSent(db: Db, id: number, at: Date, platformMessageId: string | undefined): Promise<void> {
  await db.outboxMessage.updateMany({
    where: { id },
    data: { status: "sent", sentAt: at, platformMessageId: platformMessageId ?? null, claimedUntil: null, lastError: null },
  });
}

/** Back to the queue, only while the row is still this owner's (a taken-over row is not reset). */
export async function requeue(db: Db, id: number, notBefore: Date, attempts: number, error: string | null, owner?: string): Promise<void> {
  await db.outboxMessage.updateMany({
    where: { id, ...(owner === undefined ? {} : { claimedBy: owner, status: "sending" }) },
    data: { status: "queued", notBefore, attempts, lastError: error?.slice(0, 500) ?? null, claimedBy: null, claimedUntil: null },
  });
}

/** Final states for many rows at once (failed, unreachable, cancelled). */
export async function finish(db: Db, ids: number[], status: "failed" | "unreachable" | "cancelled", error: string, attempts?: number): Promise<void> {
  if (!ids.length) return;
  await db.outboxMessage.updateMany({
    where: { id: { in: ids } },
    data: { status, lastError: error.slice(0, 500), claimedUntil: null, ...(attempts === undefined ? {} : { attempts }) },
  });
}

/** The recipient is gone: their other queued rows on this platform will never be sent. */
export async function cancelQueuedFor(db: Db, platform: Platform, recipient: string, reason: string): Promise<number> {
  const r = await db.outboxMessage.updateMany({
    where: { platform, recipient, status: "queued" },
    data: { status: "cancelled", lastError: reason },
  });
  return r.count;
}

/** On graceful stop: rows claimed but not sent go back to the queue for any instance. */
export async function releaseClaims(db: Db, owner: string, ids: number[]): Promise<void> {
  if (ids.length) await db.outboxMessage.updateMany({ where: { id: { in: ids }, claimedBy: owner, status: "sending" }, data: { status: "queued", claimedBy: null, claimedUntil: null } });
}

export interface RecipientState {
  locale: string | null;
  platformLocale: string | null;
  messagesPaused: boolean;
  gone: boolean;
  /** chat ids / external ids of this platform's accounts marked unreachable */
  unreachable: Set<string>;
}

/** Everything the batch needs about its recipients, in one query (never one per recipient). */
export async function loadRecipients(db: Db, platform: Platform, influencerIds: number[]): Promise<Map<number, RecipientState>> {
  const map = new Map<number, RecipientState>();
  if (!influencerIds.length) return map;
  const rows = await db.influencer.findMany({
    where: { id: { in: [...new Set(influencerIds)] } },
    select: {
      id: true, locale: true, platformLocale: true, messagesPaused: true, status: true, deletedAt: true,
      accounts: { where: { platform, unreachableAt: { not: null } }, select: { chatId: true, externalId: true } },
    },
  });
  for (const r of rows) {
    const unreachable = new Set<string>();
    for (const a of r.accounts) {
      unreachable.add(a.externalId);
      if (a.chatId) unreachable.add(a.chatId);
    }
    map.set(r.id, {
      locale: r.locale, platformLocale: r.platformLocale, messagesPaused: r.messagesPaused,
      gone: r.deletedAt !== null || r.status === "deleted" || r.status === "left", unreachable,
    });
  }
  return map;
}
