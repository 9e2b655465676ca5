// Direct replies that could not be sent now (the platform answered 429 past the client's own
// retries, 5xx, or never answered) are not dropped: they go to the outbox as `reply.deferred` rows
// keyed by the event and the reply's position, so the dispatcher retries them with backoff, a
// platform retry of the same event cannot queue them twice, and the replies after the first
// deferred one follow it in order (row ids). Shared by the Telegram, Slack and Discord adapters.
import type { Db } from "../src/db/client.js";
import type { Platform } from "../src/engine/events.js";
import type { OutboundMessage } from "../src/engine/message.js";
import { enqueue } from "../src/services/outbox.js";

/** Queues one reply for `recipient` (the outbox sender's recipient: chat, channel or user id). */
export type DeferReply = (recipient: string, message: OutboundMessage, eventId: string, index: number) => Promise<void>;

export function outboxDeferral(db: Db, platform: Platform): DeferReply {
  return async (recipient, message, eventId, index) => {
    await enqueue(db, [{ platform, recipient, purpose: "reply.deferred", dedupeKey: `reply:${eventId}:${index}`, payload: { kind: "message", message } }]);
  };
}

/**
 * The replies of one event as they go out: `send` each in order until one fails transiently;
 * from then on the rest are deferred too, so they never overtake it.
 */
export class ReplyRun {
  private deferring = false;
  constructor(private readonly eventId: string, private readonly defer: DeferReply | undefined) {}

  get deferred(): boolean {
    return this.deferring;
  }

  /** True when the reply should be deferred without trying (an earlier one was). */
  shouldDefer(): boolean {
    return this.deferring && !!this.defer;
  }

  /** Queues reply `index`; false when no deferral is wired (the reply is then lost, and logged by the caller). */
  async deferNow(recipient: string, message: OutboundMessage, index: number): Promise<boolean> {
    if (!this.defer) return false;
    await this.defer(recipient, message, this.eventId, index);
    this.deferring = true;
    return true;
  }
}
