// Sending one message to one recipient over Discord REST (the outbox path and DM follow-ups),
// through the DiscordRest port (transport.ts implements it with discord.js).
// A recipient is a channel id (a remembered DM channel or the announce channel) or, for someone
// whose DM channel is not known yet, their user id: the DM channel is opened once and stored in
// PlatformAccount.chatId, so every later message costs one request instead of two.
// Closed DMs (50007) and unknown users (10013) are never retried — invalid requests get a bot's
// IP banned — and the account is marked unreachable right here (idempotent; the dispatcher may
// mark it again on the `unreachable` result without harm).
import type { Db } from "../../src/db/client.js";
import type { Logger } from "../../src/logger.js";
import type { Clock } from "../../src/clock.js";
import { markUnreachable, rememberChat } from "../../src/services/accounts.js";
import type { Attachment, OutboundMessage, SendResult } from "../adapter.js";
import { attachmentBytes } from "../../src/engine/message.js";
import { renderMessage, type MessageBody } from "./render.js";
import { BoundedLru } from "../../src/bounded-map.js";
import { DiscordCallError, DiscordPaths, resultOf, type DiscordRest } from "./ports.js";

export interface SenderDeps {
  rest: DiscordRest;
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
      const sent = (await this.deps.rest.post(DiscordPaths.channelMessages(channelId), {
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
        const sent = (await this.deps.rest.post(DiscordPaths.channelMessages(channelId), { body })) as { id?: string };
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
    const channel = (await this.deps.rest.post(DiscordPaths.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    this.dmChannels.set(userId, channel.id);
    await rememberChat(this.deps.db, "discord", userId, channel.id);
    return channel.id;
  }

  /** The send result for an error, marking the recipient unreachable when Discord says so. */
  async failure(recipient: string, err: unknown): Promise<SendResult> {
    const result = resultOf(err);
    if (result.status === "unreachable") {
      const marked = await markUnreachable(this.deps.db, "discord", recipient, result.reason, this.deps.clock.now());
      this.deps.log.info({ code: result.reason, marked }, "discord recipient unreachable; will not retry");
    } else if (result.status !== "sent") {
      const code = "code" in result ? result.code : undefined;
      const where = err instanceof DiscordCallError ? err.where : "on the network";
      this.deps.log.warn({ code: code ?? "unknown" }, `discord send failed ${where}`);
    }
    return result;
  }
}
