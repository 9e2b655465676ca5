// A fake chat platform behind the MessageSender port that enforces its own limits the way the
// real ones do: over the limit it answers "retry after N seconds" (a 429) and counts it; sending
// again before that time is recorded as a violation. Time comes from the test's FakeClock.
import type { Clock } from "../../src/clock.js";
import type { Platform } from "../../src/engine/events.js";
import { toPlainText, type OutboundMessage } from "../../src/engine/message.js";
import type { MessageSender, SendResult } from "../../src/delivery/port.js";

export interface Delivery {
  recipient: string;
  text: string;
  at: number;
  messageId: string;
}

export interface FakePlatformOptions {
  /** max sends in any sliding 1 s window over all chats */
  perSecond?: number;
  /** max sends in any sliding 1 s window to one chat */
  perChatPerSecond?: number;
  retryAfterSeconds?: number;
  /** recipients who blocked the bot */
  blocked?: string[];
  /** recipient → how many times to fail transiently before accepting (Infinity = always) */
  flaky?: Record<string, number>;
}

export class RateLimitedPlatform implements MessageSender {
  readonly delivered: Delivery[] = [];
  retryAnswers = 0;
  /** sends that arrived while a retry-after we had answered was still running */
  violations = 0;
  private retryUntil = 0;
  private readonly failuresLeft: Map<string, number>;

  constructor(readonly platform: Platform, private readonly clock: Clock, private readonly options: FakePlatformOptions = {}) {
    this.failuresLeft = new Map(Object.entries(options.flaky ?? {}));
  }

  async send(recipient: string, message: OutboundMessage): Promise<SendResult> {
    const at = this.clock.now().getTime();
    if (at < this.retryUntil) this.violations++;
    if (this.options.blocked?.includes(recipient)) return { status: "unreachable", reason: "bot was blocked by the user" };
    const left = this.failuresLeft.get(recipient) ?? 0;
    if (left > 0) {
      this.failuresLeft.set(recipient, left - 1);
      return { status: "retry", afterSeconds: 0, error: "502 bad gateway" };
    }
    const windowStart = at - 1000;
    const recent = this.delivered.filter((d) => d.at > windowStart);
    const overAll = this.options.perSecond !== undefined && recent.length >= this.options.perSecond;
    const overChat = this.options.perChatPerSecond !== undefined && recent.filter((d) => d.recipient === recipient).length >= this.options.perChatPerSecond;
    if (overAll || overChat) {
      this.retryAnswers++;
      const after = this.options.retryAfterSeconds ?? 1;
      this.retryUntil = at + after * 1000;
      return { status: "retry", afterSeconds: after };
    }
    const messageId = String(this.delivered.length + 1);
    this.delivered.push({ recipient, text: toPlainText(message), at, messageId });
    return { status: "sent", messageId };
  }

  to(recipient: string): Delivery[] {
    return this.delivered.filter((d) => d.recipient === recipient);
  }

  /** The largest number of sends in any 1 s window (over all chats, or to one chat). */
  maxInAnySecond(recipient?: string): number {
    const times = (recipient ? this.to(recipient) : this.delivered).map((d) => d.at).sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= 1000) j++;
      best = Math.max(best, i - j + 1);
    }
    return best;
  }
}
