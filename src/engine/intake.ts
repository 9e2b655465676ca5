// Intake guards: de-duplicate platform retries by event id (persisted, expiring) and serialize
// the events of one conversation with a lease on its Conversation row, across processes.
import { AppError } from "../errors.js";
import { isUniqueViolation, type Deps } from "../services/deps.js";
import type { Db } from "../db/client.js";
import { clientProvider } from "../services/bulk-insert.js";

export interface IntakeOptions {
  /** how long a processed event id is remembered */
  dedupeTtlMs: number;
  /** a lease expires after this long even if its holder died */
  leaseMs: number;
  /** give up waiting for a busy conversation after this long */
  leaseWaitMs: number;
}

/** True the first time an event id is seen; false for a retry or a duplicate delivery. */
export async function firstDelivery(deps: Deps, eventId: string, ttlMs: number): Promise<boolean> {
  return (await recordEventIfNew(deps, eventId, ttlMs)) || renewExpiredEvent(deps, eventId, ttlMs);
}

/** An expired id may be seen again as new (platforms never retry that late): true if it was. */
async function renewExpiredEvent(deps: Deps, eventId: string, ttlMs: number): Promise<boolean> {
  const now = deps.clock.now();
  const r = await deps.db.processedEvent.updateMany({
    where: { id: eventId, expiresAt: { lt: now } },
    data: { expiresAt: new Date(now.getTime() + ttlMs) },
  });
  return r.count === 1;
}

export async function purgeExpiredEvents(deps: Deps): Promise<number> {
  const r = await deps.db.processedEvent.deleteMany({ where: { expiresAt: { lt: deps.clock.now() } } });
  return r.count;
}

/**
 * Leases use wall-clock time on purpose: a lease protects against a live process elsewhere, so it
 * must expire in real time even when the business clock is a fake one in tests.
 */
const wallNow = () => new Date();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ensureConversation(db: Db, key: string): Promise<void> {
  const existing = await db.conversation.findUnique({ where: { key }, select: { key: true } });
  if (existing) return;
  try {
    await db.conversation.create({ data: { key, data: {} } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
}

export interface ConversationRow {
  flow: string | null;
  step: string | null;
  data: unknown;
  version: number;
  expiresAt: Date | null;
}

export interface Admitted {
  /** the conversation as it is under our lease */
  row: ConversationRow;
  /** our lease; the final flow write (or releaseLease) gives it back */
  owner: string;
}

/**
 * Creates the conversation row if it is missing, as a no-op on conflict, so a first contact takes
 * the same one-transaction path as everyone else instead of four more calls after it.
 */
function insertConversationIfMissing(db: Db, key: string, now: Date) {
  const [k, c, u] = clientProvider(db) === "postgresql" ? ["$1", "$2", "$3"] : ["?", "?", "?"];
  return db.$executeRawUnsafe(
    `INSERT INTO "Conversation" ("key", "data", "version", "createdAt", "updatedAt") VALUES (${k}, '{}', 0, ${c}, ${u}) ON CONFLICT ("key") DO NOTHING`,
    key, now, now,
  );
}

/**
 * Conversation keys this process has seen a row for, so the common case skips the insert above.
 * Bounded (oldest out first); a stale entry (row deleted since) only sends that event down the
 * slow path, which creates the row.
 */
const KNOWN_CONVERSATIONS_MAX = 10_000;
const knownConversations = new Set<string>();
function rememberConversation(key: string): void {
  if (knownConversations.has(key)) return;
  knownConversations.add(key);
  if (knownConversations.size > KNOWN_CONVERSATIONS_MAX) knownConversations.delete(knownConversations.values().next().value!);
}

const ROW = { flow: true, step: true, data: true, version: true, expiresAt: true } as const;

// The three statements every event pays (claim, de-dup insert, release) are plain SQL: the same
// statements the ORM would send, without its per-call query building (about half their cost here).

/** Claims the lease if it is free or expired; returns the conversation row it claimed, else undefined. */
async function claimFreeLease(db: Db, key: string, owner: string, now: Date, leaseMs: number): Promise<ConversationRow | undefined> {
  const rows = await db.$queryRaw<ConversationRow[]>`UPDATE "Conversation" SET "lockOwner" = ${owner}, "lockedUntil" = ${new Date(now.getTime() + leaseMs)}, "updatedAt" = ${now}
    WHERE "key" = ${key} AND ("lockOwner" IS NULL OR "lockedUntil" IS NULL OR "lockedUntil" < ${now})
    RETURNING "flow", "step", "data", "version", "expiresAt"`;
  return rows[0];
}

/** Records the event id; false when it was already recorded (a retry, or an expired id: see renewExpiredEvent). */
async function recordEventIfNew(deps: Deps, eventId: string, ttlMs: number): Promise<boolean> {
  const now = deps.clock.now();
  const inserted = await deps.db.$executeRaw`INSERT INTO "ProcessedEvent" ("id", "createdAt", "expiresAt") VALUES (${eventId}, ${now}, ${new Date(now.getTime() + ttlMs)})
    ON CONFLICT ("id") DO NOTHING`;
  return inserted === 1;
}

const freeLease = (now: Date) => ({ OR: [{ lockOwner: null }, { lockedUntil: null }, { lockedUntil: { lt: now } }] });

/**
 * De-dup, lease and conversation read in TWO statements for the common case (new event, free
 * conversation), with no transaction around them: the lease claim returns the row it claimed
 * (UPDATE … RETURNING), and the de-dup insert runs beside it. Each outcome is made good after:
 * - a duplicate that claimed the lease gives it back at once (the first delivery holds or held
 *   the lease, so the two never run at the same time: exactly once per event id);
 * - a failed claim forgets the recorded id, so the platform's retry is handled (no loss);
 * - a recorded event whose conversation is busy waits for the lease, as before.
 * Returns null for a duplicate.
 */
export async function admitEvent(deps: Deps, eventId: string, key: string, owner: string, opts: IntakeOptions): Promise<Admitted | null> {
  const wall = wallNow();
  if (!knownConversations.has(key)) await insertConversationIfMissing(deps.db, key, wall);
  const [claim, record] = await Promise.allSettled([claimFreeLease(deps.db, key, owner, wall, opts.leaseMs), recordEventIfNew(deps, eventId, opts.dedupeTtlMs)]);
  const claimed = claim.status === "fulfilled" ? claim.value : undefined;
  if (claimed) rememberConversation(key);
  let first: boolean;
  try {
    if (record.status === "rejected") throw record.reason;
    first = record.value || (await renewExpiredEvent(deps, eventId, opts.dedupeTtlMs));
  } catch (e) {
    if (claimed) await releaseLease(deps.db, key, owner);
    throw e;
  }
  if (!first) {
    if (claimed) await releaseLease(deps.db, key, owner);
    return null;
  }
  if (claim.status === "rejected") {
    await deps.db.processedEvent.deleteMany({ where: { id: eventId } }).catch(() => undefined);
    throw claim.reason;
  }
  if (claimed) return { row: claimed, owner };
  // Recorded, but the conversation is busy (or its row went away): wait for the lease.
  await acquireLease(deps.db, key, owner, opts);
  return { row: await deps.db.conversation.findUniqueOrThrow({ where: { key }, select: ROW }), owner };
}

/** Gives the lease back if it is still ours (a lease that expired and was taken stays with its new owner). */
export async function releaseLease(db: Db, key: string, owner: string): Promise<void> {
  await db.$executeRaw`UPDATE "Conversation" SET "lockOwner" = NULL, "lockedUntil" = NULL WHERE "key" = ${key} AND "lockOwner" = ${owner}`;
}

function releaser(db: Db, key: string, owner: string): () => Promise<void> {
  return () => releaseLease(db, key, owner);
}

/** Claims the conversation's lease (waiting while another event holds it); returns a release function. */
export async function acquireLease(db: Db, key: string, owner: string, opts: IntakeOptions): Promise<() => Promise<void>> {
  const started = Date.now();
  let delay = 5;
  let ensured = false;
  for (;;) {
    const now = wallNow();
    // One atomic conditional update: free, expired, or (never) ours already.
    const r = await db.conversation.updateMany({
      where: { key, ...freeLease(now) },
      data: { lockOwner: owner, lockedUntil: new Date(now.getTime() + opts.leaseMs) },
    });
    if (r.count === 1) break;
    // Nothing claimed: either someone holds it, or the row does not exist yet (first message).
    if (!ensured) {
      ensured = true;
      await ensureConversation(db, key);
      continue;
    }
    if (Date.now() - started > opts.leaseWaitMs) {
      throw new AppError("conversation_busy", "conversation lease not acquired in time", { context: { key } });
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 50);
  }
  return releaser(db, key, owner);
}
