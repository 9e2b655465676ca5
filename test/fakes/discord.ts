// A local fake of Discord for the real discord.js Client: a REST server (v10 routes the adapter
// uses) and a gateway WebSocket on the same port. GET /api/v10/gateway/bot answers with this
// server's ws:// URL, so a Client built with `rest: { api: "<base>/api" }` connects here.
// Every REST call is recorded; failures (50007 closed DMs, 10013 unknown user, 429, 5xx, hangs) can
// be armed on channel posts, DM opens and interaction responses.
// Messages the bot posts (channel messages, interaction responses, follow-ups) are kept, component
// UPDATE_MESSAGE callbacks and edits apply to them, and bodies Discord refuses are refused here too
// (50035: content over 2,000 characters, more than 5 rows or 5 buttons a row, custom_id over 100,
// an embed title over 256 or description over 4,096).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { multipartParams, type UploadedFile } from "./multipart.js";
import { callbackRefusal } from "./discord-interaction-rules.js";

export interface RecordedCall {
  method: string;
  path: string;
  query: string;
  /** files of a multipart message (payload_json + files[n]) */
  files?: UploadedFile[];
  body: unknown;
}

/**
 * A failure armed on a target: a channel id (its message posts), a user id (opening their DM),
 * `member:<user id>` (role changes), or an interaction id (its callback, and the webhook routes of its token: edits and follow-ups).
 * The transient ones (429, 5xx, a hang that never answers) are used up one request at a time,
 * after letting `after` requests through (an interaction's callback, then its follow-up fails).
 */
type Failure =
  | { kind: "dm_closed" }
  | { kind: "unknown_user" }
  | { kind: "rate_limited"; retryAfter: number; times: number; after?: number }
  | { kind: "server_error"; status?: number; times: number; after?: number }
  | { kind: "hang"; times: number; after?: number };

/** A message the bot posted, as the fake keeps it. */
export interface StoredDiscordMessage {
  id: string;
  channelId: string;
  content: string;
  components: { type: number; components: { custom_id?: string; label?: string; url?: string }[] }[];
  flags: number;
  embeds: { title?: string; description?: string }[];
  /** how each edit arrived ("update" callback, "patch"), oldest first */
  edits: string[];
}

/** Why Discord would refuse this message body (undefined: it would accept it). */
export function refusal(body: unknown): string | undefined {
  const b = (body ?? {}) as { content?: unknown; components?: { components?: { custom_id?: string }[] }[]; embeds?: { title?: string; description?: string }[] };
  if (typeof b.content === "string" && b.content.length > 2000) return "content: Must be 2000 or fewer in length.";
  for (const e of b.embeds ?? []) {
    if ((e.title ?? "").length > 256) return "embeds.title: Must be 256 or fewer in length.";
    if ((e.description ?? "").length > 4096) return "embeds.description: Must be 4096 or fewer in length.";
  }
  const rows = b.components ?? [];
  if (rows.length > 5) return "components: Must be 5 or fewer in length.";
  for (const row of rows) {
    if ((row.components ?? []).length > 5) return "components.components: Must be 5 or fewer in length.";
    for (const c of row.components ?? []) if (c.custom_id && c.custom_id.length > 100) return "custom_id: Must be 100 or fewer in length.";
  }
  return undefined;
}

export const BOT_USER = { id: "900000000000000001", username: "advo-bot", discriminator: "0", global_name: "Advo", avatar: null, bot: true };

export interface FakeDiscordOptions {
  applicationId: string;
  /** heartbeat interval announced in HELLO, ms */
  heartbeatInterval?: number;
}

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  /** commands stored per scope: "global" or a guild id */
  readonly commands = new Map<string, unknown[]>();
  readonly gatewayEvents: { op: number; d?: unknown }[] = [];
  private server: Server;
  private wss: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private seq = 0;
  private nextId = 1000n;
  private failures = new Map<string, Failure>();
  private dmChannels = new Map<string, string>();
  /** messages the bot posted, by id */
  readonly messages = new Map<string, StoredDiscordMessage>();
  /** interaction id → the message its component was on / its own response message */
  private interactionSource = new Map<string, string>();
  private interactionResponse = new Map<string, string>();
  /** interaction token → id */
  private tokens = new Map<string, string>();
  private interactionChannels = new Map<string, string>();
  /** interaction id → its type (2 command, 3 component, 5 modal submit), and those already answered */
  private interactionTypes = new Map<string, number>();
  private answered = new Set<string>();
  port = 0;

  constructor(private readonly options: FakeDiscordOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: "/gateway" });
    this.wss.on("connection", (socket) => this.onGatewayConnection(socket));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /**
   * A file a user attached (a screenshot sent as proof): returns its url as a message carries it,
   * signed with an `ex` that has already expired — only a refreshed url downloads.
   */
  addAttachment(channelId: string, attachmentId: string, filename: string, contentType: string, bytes: Buffer): string {
    this.attachmentFiles.set(attachmentId, { contentType, bytes, fresh: `fresh${attachmentId}` });
    return `http://127.0.0.1:${this.port}/attachments/${channelId}/${attachmentId}/${filename}?ex=expired&is=1&hm=sig`;
  }

  private readonly attachmentFiles = new Map<string, { contentType: string; bytes: Buffer; fresh: string }>();
  /** attachment downloads served (attachment id), in order */
  readonly attachmentDownloads: string[] = [];

  private refreshUrls(req: IncomingMessage, body: unknown, send: (status: number, payload?: unknown) => void): void {
    if (!String(req.headers.authorization ?? "").startsWith("Bot ")) return send(401, { message: "401: Unauthorized", code: 0 });
    const urls = (body as { attachment_urls?: unknown } | undefined)?.attachment_urls;
    if (!Array.isArray(urls) || urls.length > 50) return send(400, { message: "Invalid Form Body", code: 50035 });
    send(200, {
      refreshed_urls: urls.map((original: string) => {
        const id = /\/attachments\/\d+\/(\d+)\//.exec(original)?.[1] ?? "";
        const fresh = new URL(original);
        fresh.searchParams.set("ex", this.attachmentFiles.get(id)?.fresh ?? "unknown");
        return { original, refreshed: fresh.toString() };
      }),
    });
  }

  /** REST base for discord.js: `rest: { api: fake.apiUrl }` (no version suffix) */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get connectedSockets(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  snowflake(): string {
    return String(this.nextId++ + 1_300_000_000_000_000_000n);
  }

  /** The DM channel id the fake hands out for a user (stable per user). */
  dmChannelFor(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = this.snowflake();
      this.dmChannels.set(userId, id);
    }
    return id;
  }

  /** Arms a failure for posts to a channel id or DM opens for a user id. */
  fail(target: string, failure: Failure): void {
    this.failures.set(target, failure);
  }

  /** Requests left unanswered by an armed hang (they end when the fake closes). */
  hungRequests = 0;

  /**
   * Answers with the transient failure armed on `target` (using up one of its times), or leaves
   * the request hanging; false when none is armed and the request goes on normally.
   */
  private transientFailure(target: string | undefined, send: (status: number, payload?: unknown, headers?: Record<string, string>) => void): boolean {
    const failure = target ? this.failures.get(target) : undefined;
    if (!failure || !("times" in failure) || failure.times <= 0) return false;
    if (failure.after) {
      failure.after--;
      return false;
    }
    failure.times--;
    if (failure.kind === "hang") {
      this.hungRequests++;
      return true;
    }
    if (failure.kind === "server_error") {
      send(failure.status ?? 503, { message: "Service Unavailable", code: 0 });
      return true;
    }
    const retryAfter = String(failure.retryAfter);
    send(429, { message: "You are being rate limited.", retry_after: failure.retryAfter, global: false }, {
      "retry-after": retryAfter,
      "x-ratelimit-reset-after": retryAfter,
      "x-ratelimit-scope": "user",
    });
    return true;
  }

  callsTo(method: string, pattern: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && pattern.test(c.path));
  }

  /** Messages of a channel that still show buttons with a custom_id (clickable actions). */
  liveButtons(channelId: string): StoredDiscordMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && m.components.some((r) => r.components.some((c) => c.custom_id)));
  }

  /** The last message the bot posted in a channel. */
  lastMessage(channelId: string): StoredDiscordMessage | undefined {
    return [...this.messages.values()].filter((m) => m.channelId === channelId).at(-1);
  }

  private store(channelId: string, body: unknown): StoredDiscordMessage {
    const b = (body ?? {}) as Partial<StoredDiscordMessage>;
    const m: StoredDiscordMessage = { id: this.snowflake(), channelId, content: b.content ?? "", components: b.components ?? [], flags: b.flags ?? 0, embeds: b.embeds ?? [], edits: [] };
    this.messages.set(m.id, m);
    return m;
  }

  private edit(id: string | undefined, body: unknown, how: string): StoredDiscordMessage | undefined {
    const m = id ? this.messages.get(id) : undefined;
    if (!m) return undefined;
    const b = (body ?? {}) as Partial<StoredDiscordMessage>;
    if (b.content !== undefined) m.content = b.content;
    if (b.components !== undefined) m.components = b.components;
    m.edits.push(how);
    return m;
  }

  /** Pushes a gateway dispatch (op 0) to every connected client. */
  dispatch(t: string, d: unknown): void {
    if (t === "INTERACTION_CREATE") {
      const i = d as { id: string; token: string; type: number; message?: { id: string } };
      this.tokens.set(i.token, i.id);
      this.interactionTypes.set(i.id, i.type);
      const channel = (d as { channel_id?: string }).channel_id;
      if (channel) this.interactionChannels.set(i.id, channel);
      if (i.message) this.interactionSource.set(i.id, i.message.id);
    }
    const packet = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const s of this.sockets) s.send(packet);
  }

  private onGatewayConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatInterval ?? 45_000 } }));
    socket.on("message", (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d?: unknown };
      this.gatewayEvents.push(packet);
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) {
        const ready = {
          v: 10,
          user: BOT_USER,
          guilds: [],
          session_id: "fake-session",
          resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
          shard: [0, 1],
          application: { id: this.options.applicationId, flags: 0 },
        };
        socket.send(JSON.stringify({ op: 0, t: "READY", s: ++this.seq, d: ready }));
      }
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown = undefined;
    let files: UploadedFile[] | undefined;
    const contentType = req.headers["content-type"] ?? "";
    if (text && contentType.includes("json")) body = JSON.parse(text);
    if (contentType.includes("multipart/form-data")) {
      // discord.js sends attachments as multipart: the message in payload_json, files as files[n].
      const parts = multipartParams(Buffer.concat(chunks), contentType);
      body = typeof parts.payload_json === "string" ? JSON.parse(parts.payload_json) : {};
      files = Object.values(parts).filter((v): v is UploadedFile => typeof v === "object" && v !== null && "content" in v);
    }
    const method = req.method ?? "GET";
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    this.calls.push({ method, path, query: url.search, body, ...(files ? { files } : {}) });
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, payload === undefined ? headers : { "content-type": "application/json", ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const route = `${method} ${path}`;
    let m: RegExpMatchArray | null;
    const refused = method === "POST" || method === "PATCH" ? messageRefusal(path, body, files) : undefined;
    if (refused) return send(refused.status, refused.error);

    if (route === "POST /attachments/refresh-urls") return this.refreshUrls(req, body, send);
    if ((m = path.match(/^\/attachments\/(\d+)\/(\d+)\/[^/]+$/)) && method === "GET") {
      // The CDN: an attachment url works only while its signature is fresh (refresh-urls renews it).
      const file = this.attachmentFiles.get(m[2]!);
      if (!file || url.searchParams.get("ex") !== file.fresh) return send(404, { message: "This content is no longer available.", code: 0 });
      this.attachmentDownloads.push(m[2]!);
      res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.bytes.length) });
      return void res.end(file.bytes);
    }
    if (route === "GET /gateway/bot")
      return send(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 60_000, max_concurrency: 1 },
      });
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const scope = m[2] ?? "global";
      if (method === "GET") return send(200, this.commands.get(scope) ?? []);
      if (method === "PUT") {
        const stored = (body as Record<string, unknown>[]).map((c) => ({ ...c, id: this.snowflake(), application_id: m![1], version: "1" }));
        this.commands.set(scope, stored);
        return send(200, stored);
      }
    }
    const overLimits = method === "POST" || method === "PATCH" ? refusal((body as { data?: unknown } | undefined)?.data ?? body) : undefined;
    if (overLimits) return send(400, { code: 50035, message: "Invalid Form Body", errors: { detail: overLimits } });
    if ((m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === "POST") {
      const { type, data } = (body ?? {}) as { type?: number; data?: { channel_id?: string } };
      const interactionId = m[1]!;
      if (this.transientFailure(interactionId, send)) return;
      const refusedCallback = callbackRefusal(this.interactionTypes.get(interactionId), this.answered.has(interactionId), body);
      if (refusedCallback) return send(refusedCallback.status, refusedCallback.error);
      this.answered.add(interactionId);
      // 4: a new message answers; 7: the component's message is updated in place.
      if (type === 4) this.interactionResponse.set(interactionId, this.store(this.channelOfInteraction(interactionId), data).id);
      if (type === 5) this.interactionResponse.set(interactionId, this.store(this.channelOfInteraction(interactionId), { content: "" }).id);
      if (type === 7) this.edit(this.interactionSource.get(interactionId), data, "update");
      if (url.searchParams.get("with_response") === "true") return send(200, { interaction: { id: m[1], type: 2 } });
      return send(204);
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) {
      const interactionId = this.tokens.get(m[2]!) ?? "";
      if (this.transientFailure(interactionId, send)) return;
      if (method === "PATCH" && m[3] === "@original") {
        // After deferUpdate the original is the component's message; after deferReply, the response.
        const target = this.interactionResponse.get(interactionId) ?? this.interactionSource.get(interactionId);
        const edited = this.edit(target, body, "patch");
        return send(200, this.messageFrom(edited?.channelId ?? "0", edited ?? body, edited?.id));
      }
      if (method === "POST") {
        const stored = this.store(this.channelOfInteraction(interactionId), body);
        return send(200, this.messageFrom(stored.channelId, body, stored.id));
      }
      return send(200, this.messageFrom("0", body));
    }
    if (route === "POST /users/@me/channels") {
      const recipient = String((body as { recipient_id?: string }).recipient_id);
      if (this.transientFailure(recipient, send)) return;
      const failure = this.failures.get(recipient);
      if (failure?.kind === "unknown_user") return send(400, { code: 10013, message: "Unknown User" });
      return send(200, { id: this.dmChannelFor(recipient), type: 1, recipients: [{ id: recipient, username: "u" }] });
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/)) && method === "POST") {
      const failure = this.failures.get(m[1]!);
      if (failure?.kind === "dm_closed") return send(403, { code: 50007, message: "Cannot send messages to this user" });
      if (this.transientFailure(m[1]!, send)) return;
      const stored = this.store(m[1]!, body);
      return send(200, this.messageFrom(m[1]!, body, stored.id));
    }
    if ((m = path.match(/^\/guilds\/(\d+)\/members\/(\d+)\/roles\/(\d+)$/)) && (method === "PUT" || method === "DELETE")) {
      // role changes fail as armed on `member:<user id>`
      if (this.transientFailure(`member:${m[2]}`, send)) return;
      return send(204);
    }
    return send(404, { code: 0, message: "404: Not Found" });
  }

  /** The channel an interaction came from (recorded at dispatch). */
  private channelOfInteraction(interactionId: string): string {
    return this.interactionChannels.get(interactionId) ?? "0";
  }

  private messageFrom(channelId: string, body: unknown, id = this.snowflake()): Record<string, unknown> {
    const b = (body ?? {}) as Record<string, unknown>;
    return {
      id,
      channel_id: channelId,
      type: 0,
      content: b.content ?? "",
      components: b.components ?? [],
      author: BOT_USER,
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      flags: b.flags ?? 0,
    };
  }
}

/** What Discord refuses in a message it would post: nothing to show, or a file over the size limit. */
function messageRefusal(path: string, body: unknown, files: UploadedFile[] | undefined): { status: number; error: { code: number; message: string } } | undefined {
  if (!/^\/(channels\/\d+\/messages|webhooks\/\d+\/[^/]+)$/.test(path)) return undefined;
  const b = (body ?? {}) as { content?: string; components?: unknown[]; embeds?: unknown[] };
  if (files?.some((f) => Buffer.byteLength(f.content) > 10_485_760)) return { status: 413, error: { code: 40005, message: "Request entity too large" } };
  if (!b.content && !b.components?.length && !b.embeds?.length && !files?.length) return { status: 400, error: { code: 50006, message: "Cannot send an empty message" } };
  return undefined;
}

// ---- dispatch payloads (the shapes Discord sends; recorded from the API reference) ----

export interface UserSpec {
  id: string;
  username?: string;
  globalName?: string;
  locale?: string;
}

interface Where {
  /** DM when absent */
  guildId?: string;
  channelId: string;
}

function base(applicationId: string, id: string, user: UserSpec, where: Where) {
  const apiUser = { id: user.id, username: user.username ?? `user${user.id.slice(-4)}`, global_name: user.globalName ?? null, discriminator: "0", avatar: null };
  return {
    id,
    application_id: applicationId,
    token: `token-${id}`,
    version: 1,
    locale: user.locale ?? "en-US",
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 10_485_760,
    channel_id: where.channelId,
    channel: where.guildId ? { id: where.channelId, type: 0, guild_id: where.guildId, name: "general" } : { id: where.channelId, type: 1 },
    ...(where.guildId
      ? {
          guild_id: where.guildId,
          guild_locale: "en-US",
          member: { user: apiUser, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0, permissions: "0" },
          context: 0,
        }
      : { user: apiUser, context: 1 }),
  };
}

export function slashCommand(
  applicationId: string,
  id: string,
  user: UserSpec,
  where: Where,
  name: string,
  options: { name: string; value: string }[] = [],
) {
  return {
    ...base(applicationId, id, user, where),
    type: 2,
    data: { id: "1", name, type: 1, options: options.map((o) => ({ name: o.name, type: 3, value: o.value })) },
  };
}

/** A button click; `message`: the bot's message the button is on (the fake keeps them). */
export function buttonPress(applicationId: string, id: string, user: UserSpec, where: Where, customId: string, message?: StoredDiscordMessage) {
  return {
    ...base(applicationId, id, user, where),
    type: 3,
    message: {
      id: message?.id ?? "1200000000000000001",
      channel_id: where.channelId,
      type: 0,
      content: message?.content ?? "card",
      author: BOT_USER,
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      flags: message?.flags ?? 0,
      components: message?.components ?? [],
    },
    data: { custom_id: customId, component_type: 2 },
  };
}

/** A modal submission with Label-wrapped components (text inputs and string selects). */
export function modalSubmit(
  applicationId: string,
  id: string,
  user: UserSpec,
  where: Where,
  customId: string,
  fields: { id: string; value?: string; values?: string[] }[],
) {
  return {
    ...base(applicationId, id, user, where),
    type: 5,
    data: {
      custom_id: customId,
      components: fields.map((f, i) => ({
        type: 18,
        id: i + 1,
        component: f.values ? { type: 3, id: 100 + i, custom_id: f.id, values: f.values } : { type: 4, id: 100 + i, custom_id: f.id, value: f.value ?? "" },
      })),
    },
  };
}

export function directMessage(id: string, user: UserSpec, channelId: string, content: string, bot = false) {
  return {
    id,
    channel_id: channelId,
    type: 0,
    content,
    author: { id: user.id, username: user.username ?? `user${user.id.slice(-4)}`, global_name: user.globalName ?? null, discriminator: "0", avatar: null, ...(bot ? { bot: true } : {}) },
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: 0,
    components: [],
  };
}
