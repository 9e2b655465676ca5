// Paces sends under a platform's limits: an overall rate, a per-chat rate, and pauses the platform
// asked for (429 retry-after). Spacing-based (no bursts): the next send to a chat may happen at
// max(next overall slot, next slot of that chat, end of pause). Each instance paces itself; several
// instances share a platform's budget only if each is configured with its share of the rate.
import type { AppConfig } from "../config.js";
import type { Platform } from "../engine/events.js";

export interface PlatformLimits {
  /** sends per second over all chats (undefined = no overall limit) */
  perSecond?: number;
  /** sends per second to one chat/channel (undefined = no per-chat limit) */
  perChatPerSecond?: number;
}

/** Defaults from configuration: Telegram 25/s overall and 1/s per chat, Discord 20 DMs/s, Slack 1/s per channel. */
export function limitsFromConfig(config: AppConfig): Record<Platform, PlatformLimits> {
  return {
    telegram: { perSecond: config.DELIVERY_TELEGRAM_PER_SECOND, perChatPerSecond: config.DELIVERY_TELEGRAM_PER_CHAT_PER_SECOND },
    discord: { perSecond: config.DELIVERY_DISCORD_PER_SECOND },
    slack: { perChatPerSecond: config.DELIVERY_SLACK_PER_CHANNEL_PER_SECOND },
    console: {},
  };
}

export class RateLimiter {
  private nextOverall = 0;
  private pausedUntil = 0;
  private readonly nextByChat = new Map<string, number>();
  private readonly overallGap: number;
  private readonly chatGap: number;

  constructor(limits: PlatformLimits) {
    this.overallGap = limits.perSecond ? 1000 / limits.perSecond : 0;
    this.chatGap = limits.perChatPerSecond ? 1000 / limits.perChatPerSecond : 0;
  }

  /** Earliest epoch ms at which a send to this chat is allowed. */
  readyAt(chat: string): number {
    return Math.max(this.nextOverall, this.pausedUntil, this.nextByChat.get(chat) ?? 0);
  }

  /** Records a send at `at` (call only when at >= readyAt(chat)). */
  take(chat: string, at: number): void {
    if (this.overallGap) this.nextOverall = at + this.overallGap;
    if (this.chatGap) {
      this.nextByChat.set(chat, at + this.chatGap);
      // Forget chats whose slot has passed so a 100,000-recipient broadcast does not keep 100,000 entries.
      if (this.nextByChat.size > 10_000) for (const [k, v] of this.nextByChat) if (v <= at) this.nextByChat.delete(k);
    }
  }

  /** The platform said "retry after": nothing is sent on it until then. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }
}
