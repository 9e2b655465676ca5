// Platform accounts: where to reach an influencer on each platform, and whether they can be
// reached at all (blocked bot, closed DMs). Shared by the engine, the adapters and delivery.
import type { Db } from "../db/client.js";
import type { Platform } from "../engine/events.js";

/** A recipient who blocked the bot or closed DMs: broadcasts skip them until they write again. */
export async function markUnreachable(db: Db, platform: Platform, chatId: string, reason: string, at: Date): Promise<number> {
  remembered.get(db)?.clear(); // their next message must clear the mark: forget what we skip
  const r = await db.platformAccount.updateMany({
    where: { platform, OR: [{ chatId }, { externalId: chatId }], unreachableAt: null },
    data: { unreachableAt: at, unreachableReason: reason.slice(0, 200) },
  });
  return r.count;
}

/**
 * Accounts whose chat id this process wrote lately, per client: an update from the same chat
 * skips the write. Bounded (oldest out first) and short-lived, because another instance may mark
 * the account unreachable meanwhile; this process's own marks clear it at once.
 */
const REMEMBERED_MAX = 10_000;
const REMEMBERED_TTL_MS = 10 * 60_000;
const remembered = new WeakMap<Db, Map<string, { chatId: string; at: number }>>();

/** They wrote to us: reachable again, and remember the chat for direct messages (a write only when something may have changed). */
export async function rememberChat(db: Db, platform: Platform, externalId: string, chatId: string): Promise<void> {
  let cache = remembered.get(db);
  if (!cache) remembered.set(db, (cache = new Map()));
  const key = `${platform}:${externalId}`;
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && hit.chatId === chatId && now - hit.at < REMEMBERED_TTL_MS) return;
  const r = await db.platformAccount.updateMany({
    where: { platform, externalId },
    data: { chatId, unreachableAt: null, unreachableReason: null },
  });
  cache.delete(key);
  if (!r.count) return; // no account yet (before /start CODE): write again next time
  cache.set(key, { chatId, at: now });
  if (cache.size > REMEMBERED_MAX) cache.delete(cache.keys().next().value as string);
}
