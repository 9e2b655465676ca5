// Sending through the Web API for the outbox (MessageSender) and for edits. This client does NOT
// wait out rate limits itself: a 429 becomes `retry` with Slack's Retry-After, so the dispatcher
// reschedules the row instead of blocking a worker for minutes.
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError, type WebClient } from "@slack/web-api";
import { isTransientNetworkCode, networkErrorCode } from "../../src/delivery/network-error.js";
import type { Attachment, Button, OutboundMessage, SendResult } from "../adapter.js";
import { attachmentBytes } from "../../src/engine/message.js";
import { buttonBlocks, renderMessage, SLACK_LIMITS, type SlackBlock } from "./render.js";

/** Web API error codes meaning "this recipient cannot be reached": never retry, mark unreachable. */
export const UNREACHABLE_ERRORS = new Set([
  "channel_not_found", "is_archived", "account_inactive", "not_in_channel", "user_not_found", "user_disabled",
  "cannot_dm_bot", "user_not_visible", "team_access_not_granted", "messages_tab_disabled", "restricted_action",
]);
/** chat.postMessage's answers to a thread_ts that names no message of that channel. */
const THREAD_GONE = new Set(["invalid_thread_ts", "thread_not_found", "message_not_found"]);
/** Transient server-side errors worth another try. */
const TRANSIENT_ERRORS = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

export function classifySlackError(err: unknown): SendResult {
  if (err instanceof WebAPIRateLimitedError) return { status: "retry", afterSeconds: Math.max(1, err.retryAfter), error: "rate_limited", rateLimited: true, code: "429" };
  if (err instanceof WebAPIPlatformError) {
    const code = String(err.data.error).slice(0, 60);
    if (UNREACHABLE_ERRORS.has(code)) return { status: "unreachable", reason: code };
    if (TRANSIENT_ERRORS.has(code)) return { status: "retry", afterSeconds: code === "ratelimited" ? 1 : 30, error: code, rateLimited: code === "ratelimited", code };
    return { status: "failed", error: code, code };
  }
  if (err instanceof WebAPIHTTPError) {
    const code = String(err.statusCode);
    return err.statusCode >= 500 ? { status: "retry", afterSeconds: 30, error: `http_${code}`, code } : { status: "failed", error: `http_${code}`, code };
  }
  if (err instanceof WebAPIRequestError) {
    // The interactive client waits out each 429 itself and, past its retries, throws "A rate limit
    // was exceeded" wrapped as a request error: still Slack's 429, not a network failure.
    if (/rate limit was exceeded/i.test(err.original?.message ?? "")) return { status: "retry", afterSeconds: 30, error: "rate_limited", rateLimited: true, code: "429" };
    // The socket-level code (ECONNRESET, ECONNREFUSED, ETIMEDOUT …), never just "network".
    const code = networkErrorCode(err);
    return { status: "retry", afterSeconds: 30, error: `slack network ${code ?? "error"}: ${err.original?.message ?? err.message}`.slice(0, 300), transient: isTransientNetworkCode(code), code: code ?? "network" };
  }
  return { status: "failed", error: err instanceof Error ? err.message.slice(0, 200) : "unknown", code: "unknown" };
}

/** User ids (U…/W…) are reachable by DM; chat.update needs the DM channel id, so resolve it once. */
const isUserId = (recipient: string) => /^[UW][A-Z0-9]+$/.test(recipient);

export class SlackSender {
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly client: WebClient) {}

  async channelFor(recipient: string): Promise<string> {
    if (!isUserId(recipient)) return recipient;
    const known = this.dmChannels.get(recipient);
    if (known) return known;
    const r = await this.client.conversations.open({ users: recipient });
    const id = r.channel?.id;
    if (!id) throw new WebAPIPlatformError({ ok: false, error: "channel_not_found" });
    if (this.dmChannels.size > 10_000) this.dmChannels.clear();
    this.dmChannels.set(recipient, id);
    return id;
  }

  async send(recipient: string, message: OutboundMessage, thread?: string): Promise<SendResult> {
    try {
      const channel = await this.channelFor(recipient);
      const post = (threadTs?: string) => this.client.chat.postMessage({ channel, ...renderMessage(message), ...(threadTs ? { thread_ts: threadTs } : {}) });
      // A thread whose first message was deleted meanwhile: the reply still reaches the channel.
      const r = await post(thread).catch((err: unknown) => {
        if (thread && err instanceof WebAPIPlatformError && THREAD_GONE.has(String(err.data.error))) return post();
        throw err;
      });
      if (message.attachment) {
        const file = await this.sendFile(recipient, message.attachment);
        if (file.status !== "sent") return file;
      }
      return { status: "sent", ...(r.ts ? { messageId: r.ts } : {}) };
    } catch (err) {
      return classifySlackError(err);
    }
  }

  /**
   * filesUploadV2: files.getUploadURLExternal, the bytes to the returned URL, then
   * files.completeUploadExternal sharing it in the channel (`files.upload` is retired; needs the
   * files:write scope).
   */
  async sendFile(recipient: string, file: Attachment, caption?: string): Promise<SendResult> {
    try {
      const channel = await this.channelFor(recipient);
      // Text goes up as `content`; bytes (a PNG chart) as `file`, with its description for screen readers.
      const data = file.encoding === "base64" ? { file: attachmentBytes(file) } : { content: file.content };
      await this.client.filesUploadV2({
        channel_id: channel, ...data, filename: file.filename, title: file.filename,
        ...(file.altText ? { alt_text: file.altText.slice(0, 1000) } : {}), ...(caption ? { initial_comment: caption } : {}),
      });
      return { status: "sent" };
    } catch (err) {
      return classifySlackError(err);
    }
  }

  async sendEphemeral(channel: string, user: string, message: OutboundMessage, thread?: string): Promise<SendResult> {
    try {
      const r = await this.client.chat.postEphemeral({ channel, user, ...renderMessage(message), ...(thread ? { thread_ts: thread } : {}) });
      return { status: "sent", ...(r.message_ts ? { messageId: r.message_ts } : {}) };
    } catch (err) {
      return classifySlackError(err);
    }
  }

  /**
   * `footer`: extra Block Kit blocks the adapter itself builds (e.g. who decided and when).
   * `actor`: the Slack user who acted; the engine names them by actor id (`slack:U…`), which a
   * card shows as their mention instead (only that exact id: text typed by others stays text).
   */
  /** Replaces only the buttons of a message the bot sent (none: removed), keeping its text. */
  async editButtons(channel: string, ts: string, source: { text: string; blocks: unknown[] }, rows: Button[][]): Promise<SendResult> {
    try {
      const kept = source.blocks.filter((b) => (b as { type?: unknown }).type !== "actions");
      const r = await this.client.chat.update({ channel, ts, text: source.text, blocks: [...kept, ...buttonBlocks(rows)] as never });
      return { status: "sent", messageId: r.ts ?? ts };
    } catch (err) {
      return classifySlackError(err);
    }
  }

  async edit(recipient: string, ts: string, message: OutboundMessage, footer: SlackBlock[] = [], actor?: string): Promise<SendResult> {
    try {
      const channel = await this.channelFor(recipient);
      const rendered = renderMessage(message);
      if (actor && /^[UW][A-Z0-9]+$/.test(actor)) {
        const mention = (s: string) => s.split(`slack:${actor}`).join(`<@${actor}>`);
        rendered.text = mention(rendered.text);
        rendered.blocks = JSON.parse(mention(JSON.stringify(rendered.blocks))) as SlackBlock[];
      }
      const blocks = [...rendered.blocks, ...footer].slice(-SLACK_LIMITS.blocksPerMessage);
      const r = await this.client.chat.update({ channel, ts, text: rendered.text, blocks: blocks as never });
      return { status: "sent", messageId: r.ts ?? ts };
    } catch (err) {
      return classifySlackError(err);
    }
  }
}
