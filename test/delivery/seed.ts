// Test data for delivery tests: influencers with one account each and their outbox rows.
import type { Db } from "../../src/db/client.js";
import type { Platform } from "../../src/engine/events.js";
import { enqueue, type OutboxItem, type OutboxPayload } from "../../src/services/outbox.js";

export interface SeedOptions {
  platform?: Platform;
  locale?: string | null;
  platformLocale?: string | null;
  messagesPaused?: boolean;
}

/** Creates n influencers (chat ids "<prefix>1".."<prefix>n") and returns their ids and chats. */
export async function seedInfluencers(db: Db, n: number, prefix = "chat", options: SeedOptions = {}): Promise<{ id: number; chat: string }[]> {
  const out: { id: number; chat: string }[] = [];
  for (let i = 1; i <= n; i++) {
    const chat = `${prefix}${i}`;
    const inf = await db.influencer.create({
      data: {
        status: "active", displayName: `Influencer ${chat}`, locale: options.locale ?? null, platformLocale: options.platformLocale ?? null,
        messagesPaused: options.messagesPaused ?? false,
        accounts: { create: { platform: options.platform ?? "telegram", externalId: `u-${chat}`, chatId: chat } },
      },
    });
    out.push({ id: inf.id, chat });
  }
  return out;
}

export function items(recipients: { id: number; chat: string }[], purpose: string, payload: OutboxPayload, platform: Platform = "telegram", batchKey = `${purpose}:batch`): OutboxItem[] {
  return recipients.map((r) => ({
    platform, recipient: r.chat, influencerId: r.id, purpose, batchKey, dedupeKey: `${batchKey}:${r.id}`, payload,
  }));
}

export async function enqueueFor(db: Db, recipients: { id: number; chat: string }[], purpose: string, payload: OutboxPayload, platform: Platform = "telegram", batchKey?: string): Promise<number> {
  return enqueue(db, items(recipients, purpose, payload, platform, batchKey));
}
