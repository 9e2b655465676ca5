// Sending one message to one recipient over Discord REST (the outbox path and DM follow-ups).
// A recipient is a channel id (a remembered DM channel or the announce channel) or, for someone
// whose DM channel is not known yet, their user id: the DM channel is opened once and stored in
// PlatformAccount.chatId, so every later message costs one request instead of two.
// Closed DMs (50007) and unknown users (10013) are never retried — invalid requests get a bot's
// IP banned — and the account is marked unreachable right here (idempotent; the dispatcher may
// mark it again on the `unreachable` result without harm).
import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST } from "discord.js";
import type { Db } from "../../src/db/client.js";
import type { Logger } from "../../src/logger.js";
import type { Clock } from "../../src/clock.js";
import { isTransientNetworkCode, networkErrorCode } from "../../src/delivery/network-error.js";
import { markUnreachable, rememberChat } from "../../src/services/accounts.js";
import type { Attachment, OutboundMessage, SendResult } from "../adapter.js";
import { attachmentBytes } from "../../src/engine/message.js";
import { renderMessage, type MessageBody } from "./render.js";
import { BoundedLru } from "../../src/bounded-map.js";

/** Discord JSON error codes the sender treats specially. */
export const DiscordCode = { UnknownChannel: 10003, UnknownUser: 10013, CannotSendToUser: 50007 } as const;
const REST_OFFSET_MS = 50;
const UNREACHABLE = new Set<number>([DiscordCode.CannotSendToUser, DiscordCode.UnknownUser]);

export interface SenderDeps {
  rest: REST;
  db: Db;
  log: Logger;
  clock: Clock;
  /** how many user → DM channel ids to keep in memory (the database keeps them all); default 10,000 */
  dmCacheMax?: number;
}

export class DiscordSender {
  /** user id → DM channel id, for users whose channel this process recently opened or looked up */
  readonly dmChannels: BoundedLru<string, string>;

  constructor(private readonly deps: SenderDeps) {
    this.dmChannels = new BoundedLru(deps.dmCacheMax ?? 10_000);
  }

  /** Remember a DM channel seen on an inbound event (also stored in the database by the caller). */
  noteDmChannel(userId: string, channelId: string): void {
    this.dmChannels.set(userId, channelId);
  }

  async send(recipient: string, message: OutboundMessage): Promise<SendResult> {
    const { bodies, droppedButtons } = renderMessage(message);
    if (droppedButtons) this.deps.log.warn({ droppedButtons }, "discord: buttons over the component limits were dropped");
    const sent = await this.sendBodies(recipient, bodies);
    if (sent.status !== "sent" || !message.attachment) return sent;
    return this.sendFile(recipient, message.attachment);
  }

  /** A message with one attachment (multipart: payload_json + files[0]). */
  async sendFile(recipient: string, file: Attachment, caption?: string): Promise<SendResult> {
    try {
      const channelId = await this.channelFor(recipient);
      const sent = (await this.deps.rest.post(Routes.channelMessages(channelId), {
        body: { ...(caption ? { content: caption.slice(0, 2000) } : {}), attachments: [{ id: 0, filename: file.filename }], allowed_mentions: { parse: [] } },
        files: [{ name: file.filename, data: attachmentBytes(file), contentType: file.mimeType }],
      })) as { id?: string };
      return { status: "sent", ...(sent.id ? { messageId: sent.id } : {}) };
    } catch (err) {
      return this.failure(recipient, err);
    }
  }

  async sendBodies(recipient: string, bodies: MessageBody[]): Promise<SendResult> {
    try {
      const channelId = await this.channelFor(recipient);
      let lastId: string | undefined;
      for (const body of bodies) {
        const sent = (await this.deps.rest.post(Routes.channelMessages(channelId), { body })) as { id?: string };
        lastId = sent.id ?? lastId;
      }
      return { status: "sent", ...(lastId ? { messageId: lastId } : {}) };
    } catch (err) {
      return this.failure(recipient, err);
    }
  }

  /** The DM channel of a user (opened and stored once), or the recipient itself when it is a channel. */
  async channelFor(recipient: string): Promise<string> {
    const cached = this.dmChannels.get(recipient);
    if (cached) return cached;
    const account = await this.deps.db.platformAccount.findUnique({
      where: { platform_externalId: { platform: "discord", externalId: recipient } },
      select: { chatId: true },
    });
    // Not a known user id: the recipient already is a channel id (stored DM channel or a guild channel).
    if (!account) return recipient;
    if (account.chatId) {
      this.dmChannels.set(recipient, account.chatId);
      return account.chatId;
    }
    return this.openDm(recipient);
  }

  /** The DM channel of someone known to be a user: cached, stored, or opened now. */
  async dmChannelOf(userId: string): Promise<string> {
    const cached = this.dmChannels.get(userId);
    if (cached) return cached;
    const account = await this.deps.db.platformAccount.findUnique({
      where: { platform_externalId: { platform: "discord", externalId: userId } },
      select: { chatId: true },
    });
    if (account?.chatId) {
      this.dmChannels.set(userId, account.chatId);
      return account.chatId;
    }
    return this.openDm(userId);
  }

  /** POST /users/@me/channels, then remember the channel so it is never opened again. */
  async openDm(userId: string): Promise<string> {
    const channel = (await this.deps.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    this.dmChannels.set(userId, channel.id);
    await rememberChat(this.deps.db, "discord", userId, channel.id);
    return channel.id;
  }

  /** The send result for an error, marking the recipient unreachable when Discord says so. */
  async failure(recipient: string, err: unknown): Promise<SendResult> {
    const result = discordErrorResult(err);
    if (result.status === "unreachable") {
      const marked = await markUnreachable(this.deps.db, "discord", recipient, result.reason, this.deps.clock.now());
      this.deps.log.info({ code: result.reason, marked }, "discord recipient unreachable; will not retry");
    } else if (result.status !== "sent") {
      const code = "code" in result ? result.code : undefined;
      const where = err instanceof DiscordAPIError ? "with an API error" : err instanceof HTTPError ? "with an HTTP error" : err instanceof RateLimitError ? "rate limited" : "on the network";
      this.deps.log.warn({ code: code ?? "unknown" }, `discord send failed ${where}`);
    }
    return result;
  }
}

/**
 * What an error from discord.js means for a send (pure): retry (429 with Discord's retry_after, 5xx,
 * network errors and timeouts with their socket code), failed (other refusals, with Discord's JSON
 * code), or unreachable (closed DMs, unknown user: never retried).
 */
export function discordErrorResult(err: unknown): SendResult {
  if (err instanceof RateLimitError) {
    // @discordjs/rest adds its 50 ms safety offset to Discord's retry_after; report Discord's value.
    const afterSeconds = Math.max(1, Math.ceil(((err.retryAfter || err.timeToReset) - REST_OFFSET_MS) / 1000));
    return { status: "retry", afterSeconds, error: `rate limited on ${err.route}`, rateLimited: true, code: "429" };
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === "number" ? err.code : Number(err.code);
    if (UNREACHABLE.has(code)) return { status: "unreachable", reason: code === DiscordCode.CannotSendToUser ? "discord: DMs closed (50007)" : "discord: unknown user (10013)" };
    const label = code ? String(code) : String(err.status);
    const error = `discord ${err.status} ${code}: ${err.message}`.slice(0, 300);
    if (err.status >= 500) return { status: "retry", afterSeconds: 30, error, code: label };
    return { status: "failed", error, code: label };
  }
  if (err instanceof HTTPError) {
    const code = String(err.status);
    return err.status >= 500 || err.status === 429
      ? { status: "retry", afterSeconds: 30, error: `discord http ${err.status}`, code }
      : { status: "failed", error: `discord http ${err.status}`, code };
  }
  // Network errors and timeouts: transient, with the socket-level code (never just "network").
  const code = networkErrorCode(err);
  return { status: "retry", afterSeconds: 30, error: `discord network ${code ?? "error"}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300), transient: isTransientNetworkCode(code), code: code ?? "network" };
}
