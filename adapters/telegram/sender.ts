// Sending one message to one Telegram chat for the outbox dispatcher. Unlike replies, this path
// never waits a rate limit out inside: a 429 comes back as `retry` with Telegram's retry_after so
// the dispatcher schedules it (and keeps its own pacing); 5xx and network errors are `retry` too.
// A user who blocked the bot, a deleted account or an unknown chat is `unreachable` and marked
// right here (idempotent; the dispatcher may mark it again on the result without harm).
import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import type { Db } from "../../src/db/client.js";
import type { Logger } from "../../src/logger.js";
import type { Clock } from "../../src/clock.js";
import { networkErrorCode, isTransientNetworkCode } from "../../src/delivery/network-error.js";
import { markUnreachable } from "../../src/services/accounts.js";
import type { Attachment, OutboundMessage, SendResult } from "../adapter.js";
import { attachmentBytes } from "../../src/engine/message.js";
import { renderMessage, type TelegramMessage } from "./render.js";

const TRANSIENT_RETRY_SECONDS = 30;

/** 403s and 400s that mean "this chat will never take our messages". */
const UNREACHABLE = [/bot was blocked by the user/i, /user is deactivated/i, /chat not found/i, /bot was kicked/i, /bot is not a member/i, /have no rights to send/i];

export interface TelegramSenderDeps {
  /** an Api WITHOUT the auto-retry transformer */
  api: Api;
  db: Db;
  log: Logger;
  clock: Clock;
}

export class TelegramSender {
  constructor(private readonly deps: TelegramSenderDeps) {}

  async send(recipient: string, message: OutboundMessage): Promise<SendResult> {
    const { messages, droppedButtons } = renderMessage(message, { now: this.deps.clock.now() });
    if (droppedButtons) this.deps.log.warn({ droppedButtons }, "telegram: buttons with unsafe URLs or oversized data were dropped");
    const sent = await this.sendRendered(recipient, messages);
    if (sent.status !== "sent" || !message.attachment) return sent;
    return this.sendFile(recipient, message.attachment);
  }

  /** sendDocument (multipart upload); the caption must fit Telegram's 1,024 characters. */
  async sendFile(recipient: string, file: Attachment, caption?: string): Promise<SendResult> {
    try {
      const sent = await this.deps.api.sendDocument(recipient, documentOf(file), caption ? { caption: caption.slice(0, 1024) } : {});
      return { status: "sent", messageId: String(sent.message_id) };
    } catch (err) {
      return this.failure(recipient, err);
    }
  }

  /**
   * Sends the parts in order. A failure on a later part reports that failure: the dispatcher's
   * retry then resends the earlier parts too (a long broadcast split in two is rare; losing the
   * tail would be worse than repeating the head).
   */
  async sendRendered(recipient: string, messages: TelegramMessage[]): Promise<SendResult> {
    let lastId: string | undefined;
    try {
      for (const { text, ...other } of messages) {
        const sent = await this.deps.api.sendMessage(recipient, text, other);
        lastId = String(sent.message_id);
      }
      return { status: "sent", ...(lastId ? { messageId: lastId } : {}) };
    } catch (err) {
      return this.failure(recipient, err);
    }
  }

  /** Replaces the text and keyboard of a message the bot sent (it must still fit one message). */
  async edit(recipient: string, messageId: string, message: OutboundMessage): Promise<SendResult> {
    const { messages } = renderMessage(message, { now: this.deps.clock.now() });
    const [only] = messages;
    if (!only || messages.length > 1) return { status: "failed", error: "telegram: an edited message must fit one message" };
    const { text, parse_mode, reply_markup, link_preview_options } = only;
    try {
      await this.deps.api.editMessageText(recipient, Number(messageId), text, {
        parse_mode,
        ...(reply_markup ? { reply_markup } : {}),
        ...(link_preview_options ? { link_preview_options } : {}),
      });
      return { status: "sent", messageId };
    } catch (err) {
      // Editing to the same content is not an error for us.
      if (err instanceof GrammyError && /message is not modified/i.test(err.description)) return { status: "sent", messageId };
      return this.failure(recipient, err);
    }
  }

  async failure(recipient: string, err: unknown): Promise<SendResult> {
    if (err instanceof GrammyError) {
      if (err.error_code === 429) {
        // No `error`: the dispatcher reads that as "slow down" (pause, no attempt counted).
        this.deps.log.warn({ code: 429, retryAfter: err.parameters.retry_after }, "telegram rate limit on send; the platform is paused");
        return { status: "retry", afterSeconds: Math.max(1, err.parameters.retry_after ?? TRANSIENT_RETRY_SECONDS), rateLimited: true, code: "429" };
      }
      if ((err.error_code === 403 || err.error_code === 400) && UNREACHABLE.some((re) => re.test(err.description))) {
        const reason = `telegram ${err.error_code}: ${err.description}`.slice(0, 200);
        const marked = await markUnreachable(this.deps.db, "telegram", recipient, reason, this.deps.clock.now());
        this.deps.log.info({ code: err.error_code, marked }, "telegram recipient unreachable; will not retry");
        return { status: "unreachable", reason };
      }
      if (err.parameters.migrate_to_chat_id) {
        // A group upgraded to a supergroup has a new id: the configured one must be updated.
        return { status: "failed", error: `telegram: group ${recipient} moved to ${err.parameters.migrate_to_chat_id}; update its id in the configuration`, code: String(err.error_code) };
      }
      if (err.error_code >= 500) {
        this.deps.log.warn({ code: err.error_code, description: err.description.slice(0, 200) }, "telegram send failed with a server error");
        return { status: "retry", afterSeconds: err.parameters.retry_after ?? TRANSIENT_RETRY_SECONDS, error: `telegram ${err.error_code}: ${err.description}`.slice(0, 300), code: String(err.error_code) };
      }
      return { status: "failed", error: `telegram ${err.error_code}: ${err.description}`.slice(0, 300), code: String(err.error_code) };
    }
    if (err instanceof HttpError) {
      // The socket-level code, never just "network": ECONNRESET on a reused keep-alive socket is
      // the classic first-send-after-idle failure and is worth an immediate retry.
      const code = networkErrorCode(err);
      // node-fetch puts the request URL, bot token included, in its message: never store or log it.
      const reason = (err.error instanceof Error ? err.error.message : String(err.error)).replace(/\/bot[^/\s]+/g, "/bot<token>");
      this.deps.log.warn({ code: code ?? "unknown", reason: reason.slice(0, 200) }, "telegram send failed on the network");
      return { status: "retry", afterSeconds: TRANSIENT_RETRY_SECONDS, error: `telegram network ${code ?? "error"}: ${reason}`.slice(0, 300), transient: isTransientNetworkCode(code), code: code ?? "network" };
    }
    return { status: "retry", afterSeconds: TRANSIENT_RETRY_SECONDS, error: err instanceof Error ? err.message.slice(0, 300) : String(err), code: "unknown" };
  }
}

export function documentOf(file: Attachment): InputFile {
  return new InputFile(attachmentBytes(file), file.filename);
}
