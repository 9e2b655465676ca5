// Platform accounts: where to reach an influencer on each platform, and whether they can be
// reached at all (blocked bot, closed DMs). Shared by the engine, the adapters and delivery.
import type { Db } from "../db/client.js";
import type { Platform } from "../engine/events.js";

/** A recipient who blocked the bot or closed DMs: broadcasts skip them until they write again. */
export async function markUnreachable(db: Db, platform: Platform, chatId: string, reason: string, at: Date): Promise<number> {
  const r = await db.platformAccount.updateMany({
    where: { platform, OR: [{ chatId }, { externalId: chatId }], unreachableAt: null },
    data: { unreachableAt: at, unreachableReason: reason.slice(0, 200) },
  });
  return r.count;
}

/** They wrote to us: reachable again, and remember the chat for direct messages. */
export async function rememberChat(db: Db, platform: Platform, externalId: string, chatId: string): Promise<void> {
  await db.platformAccount.updateMany({
    where: { platform, externalId },
    data: { chatId, unreachableAt: null, unreachableReason: null },
  });
}
