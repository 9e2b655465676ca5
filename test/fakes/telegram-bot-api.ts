// A fake Telegram Bot API on 127.0.0.1 for the real grammY Bot: POST /bot<token>/<method> with a
// JSON body, answered in the Bot API envelope ({ ok, result } / { ok: false, error_code, … }).
// It records every call, serves getUpdates (long polling) from a queue, can be told to answer
// 429 with retry_after, 5xx, or 403 "bot was blocked by the user" for a chat, reset the connection
// of a call (dropNext), never answer a call (hangNext: a platform that times out), and can deliver an
// update to a webhook the way Telegram does (X-Telegram-Bot-Api-Secret-Token header).
// Sent messages are kept (text and keyboard) so edits apply to them and are refused as Telegram
// refuses them: 400 "message is not modified" for an edit that changes nothing, 400 "message to
// edit not found" for an unknown message. Files users sent (addFile) are served like Telegram's
// getFile + /file/bot<token>/<path> download.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { UserFromGetMe } from "grammy/types";
import { multipartParams, type UploadedFile } from "./multipart.js";

export type { UploadedFile };

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Date.now() when the request arrived */
  at: number;
}

export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export const BLOCKED: ApiFailure = { error_code: 403, description: "Forbidden: bot was blocked by the user" };
export const tooManyRequests = (retryAfter: number): ApiFailure => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${retryAfter}`,
  parameters: { retry_after: retryAfter },
});

/** Methods that send something to a chat (blocked chats refuse them). */
const CHAT_METHODS = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto", "sendDocument"]);

/** A message the bot sent, as the fake keeps it (HTML text as sent, keyboard or none). */
export interface StoredMessage {
  chatId: string;
  messageId: number;
  text: string;
  keyboard: unknown[][];
  /** every edit applied, oldest first */
  edits: { method: string; text: string; keyboard: unknown[][] }[];
}

const NOT_MODIFIED: ApiFailure = {
  error_code: 400,
  description: "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
};
const NOT_FOUND: ApiFailure = { error_code: 400, description: "Bad Request: message to edit not found" };

/** The text Telegram keeps after parsing HTML (what callback queries carry). */
function visible(html: string): string {
  return html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

function keyboardOf(params: Record<string, unknown>): unknown[][] {
  const markup = params.reply_markup as { inline_keyboard?: unknown[][] } | undefined;
  return (markup?.inline_keyboard ?? []).filter((r) => r.length);
}

export class FakeTelegramBotApi {
  readonly calls: RecordedCall[] = [];
  /** messages the bot sent, by `${chatId}:${messageId}` */
  readonly messages = new Map<string, StoredMessage>();
  /** requests whose connection was reset by dropNext (never answered, never delivered) */
  readonly dropped: RecordedCall[] = [];
  readonly botInfo: UserFromGetMe;
  webhook: { url: string; secret_token?: string } | undefined;
  private readonly failures = new Map<string, ApiFailure[]>();
  private readonly chatFailures: { chatId: string; method: string; failure: ApiFailure }[] = [];
  private readonly blocked = new Set<string>();
  private readonly drops = new Map<string, number>();
  private readonly hangs = new Map<string, number>();
  private readonly parked: ServerResponse[] = [];
  private updates: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  private server: Server | undefined;
  private nextMessageId = 1000;
  private nextUpdateId = 1;
  apiRoot = "";

  constructor(readonly token = "123456:TEST-token", username = "advo_test_bot") {
    this.botInfo = {
      id: Number(token.split(":")[0]),
      is_bot: true,
      first_name: "Advo",
      username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  async listen(): Promise<this> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    for (const res of this.parked.splice(0)) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` calls of `method` fail with this answer. */
  failNext(method: string, failure: ApiFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /**
   * The next `times` calls of `method` are read and then the connection is reset without an
   * answer — what a client sees when it reuses a keep-alive socket the server just closed.
   */
  dropNext(method: string, times = 1): void {
    this.drops.set(method, (this.drops.get(method) ?? 0) + times);
  }

  /**
   * The next `times` calls of `method` are read, recorded in `hung`, and never answered: a Bot API
   * that hangs. Nothing is delivered.
   */
  hangNext(method: string, times = 1): void {
    this.hangs.set(method, (this.hangs.get(method) ?? 0) + times);
  }

  /** requests left unanswered by hangNext */
  readonly hung: RecordedCall[] = [];

  /** The next call of `method` for this chat fails with this answer (other chats are unaffected). */
  failNextFor(chatId: string | number, method: string, failure: ApiFailure): void {
    this.chatFailures.push({ chatId: String(chatId), method, failure });
  }

  /** Every message to this chat is refused with 403 "bot was blocked by the user". */
  block(chatId: string | number): void {
    this.blocked.add(String(chatId));
  }

  unblock(chatId: string | number): void {
    this.blocked.delete(String(chatId));
  }

  /** Queues an update for getUpdates (update_id assigned when missing); returns it. */
  pushUpdate(update: Record<string, unknown>): Record<string, unknown> {
    const withId = { update_id: this.nextUpdateId++, ...update };
    this.nextUpdateId = Math.max(this.nextUpdateId, Number(withId.update_id) + 1);
    this.updates.push(withId);
    for (const wake of this.waiters.splice(0)) wake();
    return withId;
  }

  /** Updates not yet confirmed by a getUpdates offset. */
  get pendingUpdates(): number {
    return this.updates.length;
  }

  /** POSTs an update to a webhook as Telegram does; returns the HTTP status. */
  async deliverWebhook(url: string, update: Record<string, unknown>, secret?: string): Promise<number> {
    const withId = { update_id: this.nextUpdateId++, ...update };
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body: JSON.stringify(withId),
    });
    await res.arrayBuffer();
    return res.status;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** A message the bot sent to a chat (undefined when there is none with that id). */
  message(chatId: string | number, messageId: number): StoredMessage | undefined {
    return this.messages.get(`${chatId}:${messageId}`);
  }

  /** The last message the bot sent to a chat. */
  lastMessage(chatId: string | number): StoredMessage | undefined {
    return [...this.messages.values()].filter((m) => m.chatId === String(chatId)).at(-1);
  }

  /** Messages of a chat that still show buttons. */
  liveKeyboards(chatId: string | number): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.chatId === String(chatId) && m.keyboard.length > 0);
  }

  /** The message as a callback query carries it (parsed text, keyboard). */
  asCallbackMessage(m: StoredMessage): Record<string, unknown> {
    const chatId = Number(m.chatId);
    return {
      message_id: m.messageId,
      chat: chatId > 0 ? { id: chatId, type: "private" } : { id: chatId, type: "supergroup", title: "G" },
      date: 1764297000,
      text: visible(m.text),
      ...(m.keyboard.length ? { reply_markup: { inline_keyboard: m.keyboard } } : {}),
    };
  }

  /** sendMessage calls to one chat, in order. */
  messagesTo(chatId: string | number): RecordedCall[] {
    return this.callsTo("sendMessage").filter((c) => String(c.params.chat_id) === String(chatId));
  }

  /**
   * A file users sent, as Telegram keeps it: getFile gives its file_path, and
   * GET /file/bot<token>/<file_path> its bytes. Over 20 MB getFile refuses ("file is too big").
   */
  addFile(fileId: string, bytes: Buffer, filePath = `photos/file_${this.files.size}.jpg`): void {
    this.files.set(fileId, { path: filePath, bytes });
  }

  private readonly files = new Map<string, { path: string; bytes: Buffer }>();
  /** file downloads served (path), in order */
  readonly downloads: string[] = [];

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? "/", "http://fake");
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(target.pathname);
    if (download) return this.serveFile(download[1]!, decodeURIComponent(download[2]!), res);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(target.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!m || m[1] !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = m[2]!;
    const raw = Buffer.concat(chunks).toString("utf8");
    const contentType = req.headers["content-type"] ?? "";
    const params = contentType.includes("multipart/form-data")
      ? multipartParams(Buffer.concat(chunks), contentType)
      : raw && contentType.includes("json") ? (JSON.parse(raw) as Record<string, unknown>) : Object.fromEntries(target.searchParams);
    if (method === "getFile") {
      this.calls.push({ method, params, at: Date.now() });
      const file = this.files.get(String(params.file_id ?? ""));
      if (!file) return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
      if (file.bytes.length > 20 * 1024 * 1024) return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: file is too big" });
      return reply(res, 200, { ok: true, result: { file_id: params.file_id, file_unique_id: `u-${params.file_id}`, file_size: file.bytes.length, file_path: file.path } });
    }
    const drops = this.drops.get(method) ?? 0;
    if (drops > 0) {
      // Not recorded in `calls`: nothing was delivered.
      this.drops.set(method, drops - 1);
      this.dropped.push({ method, params, at: Date.now() });
      req.socket.resetAndDestroy();
      return;
    }
    const hangs = this.hangs.get(method) ?? 0;
    if (hangs > 0) {
      this.hangs.set(method, hangs - 1);
      this.hung.push({ method, params, at: Date.now() });
      this.parked.push(res);
      return;
    }
    this.calls.push({ method, params, at: Date.now() });
    const refused = refusal(method, params);
    if (refused) return reply(res, 400, { ok: false, error_code: 400, description: refused });

    const scoped = this.chatFailures.findIndex((f) => f.method === method && f.chatId === String(params.chat_id));
    const failure = scoped >= 0 ? this.chatFailures.splice(scoped, 1)[0]!.failure : this.failures.get(method)?.shift();
    if (failure) return reply(res, failure.error_code, { ok: false, ...failure });
    if (CHAT_METHODS.has(method) && this.blocked.has(String(params.chat_id))) return reply(res, 403, { ok: false, ...BLOCKED });
    if (method === "getUpdates") return this.getUpdates(params, req, res);
    if (method === "editMessageText" || method === "editMessageReplyMarkup") return this.edit(method, params, res);
    return reply(res, 200, { ok: true, result: this.result(method, params) });
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    const file = [...this.files.values()].find((f) => f.path === path);
    if (token !== this.token || !file) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      return;
    }
    this.downloads.push(path);
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(file.bytes.length) }).end(file.bytes);
  }

  private result(method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "setWebhook":
        this.webhook = { url: String(params.url), ...(params.secret_token ? { secret_token: String(params.secret_token) } : {}) };
        return true;
      case "deleteWebhook":
        this.webhook = undefined;
        return true;
      case "sendMessage": {
        const chatId = Number(params.chat_id);
        const messageId = this.nextMessageId++;
        this.messages.set(`${chatId}:${messageId}`, {
          chatId: String(chatId),
          messageId,
          text: String(params.text ?? ""),
          keyboard: keyboardOf(params),
          edits: [],
        });
        return {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: chatId > 0 ? { id: chatId, type: "private", first_name: "User" } : { id: chatId, type: "supergroup", title: "Group" },
          from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username },
          text: String(params.text ?? ""),
        };
      }
      case "sendDocument": {
        const doc = params.document as UploadedFile;
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(params.chat_id), type: "private", first_name: "User" },
          document: { file_id: `doc-${this.nextMessageId}`, file_unique_id: `u${this.nextMessageId}`, file_name: doc.filename, mime_type: doc.mimeType, file_size: doc.content.length },
          ...(params.caption ? { caption: String(params.caption) } : {}),
        };
      }
      default:
        return true;
    }
  }

  private edit(method: string, params: Record<string, unknown>, res: ServerResponse): void {
    const stored = this.message(String(params.chat_id), Number(params.message_id));
    if (!stored) return reply(res, 400, { ok: false, ...NOT_FOUND });
    // Without reply_markup an edit removes the keyboard, as on Telegram.
    const text = method === "editMessageText" ? String(params.text ?? "") : stored.text;
    if (method === "editMessageText" && !text.trim()) return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: message text is empty" });
    const keyboard = keyboardOf(params);
    if (text === stored.text && JSON.stringify(keyboard) === JSON.stringify(stored.keyboard)) return reply(res, 400, { ok: false, ...NOT_MODIFIED });
    stored.text = text;
    stored.keyboard = keyboard;
    stored.edits.push({ method, text, keyboard });
    return reply(res, 200, { ok: true, result: { ...this.asCallbackMessage(stored), edit_date: Math.floor(Date.now() / 1000) } });
  }

  private async getUpdates(params: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.webhook) return reply(res, 409, { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active" });
    const offset = Number(params.offset ?? 0);
    this.updates = this.updates.filter((u) => Number(u.update_id) >= offset);
    const timeoutMs = Math.min(Number(params.timeout ?? 0), 30) * 1000;
    if (!this.updates.length && timeoutMs > 0) {
      // Long poll: answer as soon as an update arrives, on timeout, or drop it if the client left.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.push(done);
        res.once("close", done);
      });
      if (res.destroyed) return;
    }
    const limit = Number(params.limit ?? 100);
    reply(res, 200, { ok: true, result: this.updates.slice(0, limit) });
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** What the real Bot API answers 400 to, for the methods the bot uses with files. */
function refusal(method: string, params: Record<string, unknown>): string | undefined {
  if (method !== "sendDocument") return undefined;
  const doc = params.document as UploadedFile | string | undefined;
  if (!doc || typeof doc === "string") return "Bad Request: there is no document in the request";
  if (!doc.content.length) return "Bad Request: file must be non-empty";
  if (String(params.caption ?? "").length > 1024) return "Bad Request: message caption is too long";
  return undefined;
}
