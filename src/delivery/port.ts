// What the delivery layer needs from a platform: send one message to one recipient and say how
// it went. Adapters implement it; the outbox dispatcher only sees this.
import type { Platform } from "../engine/events.js";
import type { OutboundMessage } from "../engine/message.js";

export type SendResult =
  | { status: "sent"; messageId?: string }
  /**
   * try again after this many seconds. rateLimited: the platform said "slow down" (429) — the
   * dispatcher pauses the platform and counts no attempt; otherwise a transient failure that
   * counts towards DELIVERY_MAX_ATTEMPTS. transient: a network failure a fresh connection usually
   * fixes (a stale keep-alive socket reset): the first attempt is retried within about a second,
   * without pausing the platform, before the normal backoff applies.
   */
  | { status: "retry"; afterSeconds: number; error?: string; rateLimited?: boolean; transient?: boolean; code?: string }
  /** the recipient blocked the bot / closed DMs / left: never retry, mark unreachable */
  | { status: "unreachable"; reason: string }
  /** permanent failure for this message (bad payload): do not retry */
  | { status: "failed"; error: string; code?: string };

/**
 * `code` on retry and failed: the platform's own error code, short and from a fixed vocabulary
 * (an HTTP status such as "429" or "503", a Slack error such as "internal_error", a Discord JSON
 * code, or a socket code such as "ECONNRESET" / "ETIMEDOUT"), for log lines and the
 * advo_platform_errors_total metric.
 */

export interface MessageSender {
  readonly platform: Platform;
  /** recipient: the platform chat/channel id stored in PlatformAccount.chatId or a channel id */
  /** `options.thread`: reply in the thread of this earlier message (platforms without threads ignore it) */
  send(recipient: string, message: OutboundMessage, options?: { thread?: string }): Promise<SendResult>;
  /**
   * replace a message the bot posted earlier (outbox `edit` payloads: a review card that no longer
   * applies, after a decision). A sender without it cannot deliver edits; those rows fail.
   */
  editMessage?(recipient: string, messageId: string, message: OutboundMessage): Promise<SendResult>;
}
