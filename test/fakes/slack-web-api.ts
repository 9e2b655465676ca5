// A local fake of Slack for the real Bolt App and WebClient: the Web API methods Advo uses on
// http://127.0.0.1:PORT/api/<method>, response_url endpoints at /respond/<id>, and a Socket Mode
// WebSocket at /socket (apps.connections.open hands out its ws:// URL). Every call is recorded
// (the token is checked, never recorded); failures can be armed per method.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { multipartParams, type UploadedFile } from "./multipart.js";
import { viewRefusals } from "./slack-view-rules.js";

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** Date.now() when the request arrived */
  at: number;
}

/** hang: the request is read and never answered (a Web API that times out) */
export type SlackFailure = { error: string } | { rateLimited: number } | { status: number } | { hang: true };

export const FAKE_BOT = { userId: "UBOT", botId: "BBOT", teamId: "T0001" } as const;

const JSON_FIELDS = new Set(["blocks", "view", "attachments", "metadata", "files"]);

export class FakeSlackWebApi {
  readonly calls: SlackCall[] = [];
  /** conversations.members answers with these (paginated by `limit`) */
  members: string[] = [];
  /** users.info locale per user id (default en-US) */
  readonly userLocales = new Map<string, string>();
  /** users.info tz per user id (Slack always sends one; default America/Los_Angeles, as for new workspaces) */
  readonly userTimeZones = new Map<string, string>();
  /** files by id: announced by files.getUploadURLExternal, bytes at the upload URL, shared by files.completeUploadExternal */
  readonly files = new Map<string, { filename: string; length: number; content?: string; bytes?: Buffer; altText?: string; channel?: string; comment?: string }>();
  /** Home tabs published, by user id (views.publish) */
  readonly homes = new Map<string, Record<string, unknown>>();
  /** messages posted, by `${channel}:${ts}`, updated by chat.update */
  readonly messages = new Map<string, Record<string, unknown>>();
  private readonly failures = new Map<string, SlackFailure[]>();
  private readonly parked: ServerResponse[] = [];
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private seq = 0;
  port = 0;

  constructor(private readonly token = "xoxb-test-token") {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: "/socket" });
    this.wss.on("connection", (socket) => this.onSocket(socket));
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.parked.splice(0)) res.destroy();
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** SLACK_API_URL for the WebClient */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  get connectedSockets(): number {
    return this.sockets.size;
  }

  /** The next call(s) to `method` fail this way, in order. */
  fail(method: string, ...failures: SlackFailure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Polls until `count` calls to `method` (matching `where`) were recorded. */
  async waitFor(method: string, where: (c: SlackCall) => boolean = () => true, count = 1, timeoutMs = 10_000): Promise<SlackCall[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.callsTo(method).filter(where);
      if (found.length >= count) return found;
      if (Date.now() > until) throw new Error(`timed out waiting for ${count} × ${method}; got ${JSON.stringify(this.calls.map((c) => c.method))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Socket Mode: sends an envelope to every connected client and resolves with the first ack. */
  sendEnvelope(type: "events_api" | "slash_commands" | "interactive", payload: unknown, extra: Record<string, unknown> = {}): Promise<unknown> {
    const envelopeId = `env-${++this.seq}`;
    const acked = new Promise<unknown>((resolve) => this.acks.set(envelopeId, resolve));
    const frame = JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== "events_api", ...extra });
    for (const s of this.sockets) s.send(frame);
    return acked;
  }

  private onSocket(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("message", (data) => {
      const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (msg.envelope_id) this.acks.get(msg.envelope_id)?.(msg.payload ?? {});
    });
    socket.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" }, connection_info: { app_id: "A0001" } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (path.startsWith("/respond/")) {
      this.calls.push({ method: `respond:${path.slice("/respond/".length)}`, args: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, at: Date.now() });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (path.startsWith("/upload/")) {
      // The upload URL takes the bytes; Slack answers 200 "OK - <length>" (404 for an unknown id).
      const file = this.files.get(path.slice("/upload/".length));
      this.calls.push({ method: `upload:${path.slice("/upload/".length)}`, args: {}, at: Date.now() });
      if (!file) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      const contentType = req.headers["content-type"] ?? "";
      // The WebClient posts the bytes as a multipart form (one file part); raw bodies are taken too.
      const parts = contentType.includes("multipart/form-data") ? Object.values(multipartParams(Buffer.concat(chunks), contentType)) : [];
      const part = parts.find((p): p is UploadedFile => typeof p === "object" && p !== null && "content" in p);
      file.content = part ? part.content : raw;
      file.bytes = part ? part.bytes : Buffer.concat(chunks);
      res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${file.bytes.length}`);
      return;
    }
    if (path.startsWith("/files-pri/")) return this.serveUserFile(path, req, res);
    const method = path.replace(/^\/api\//, "");
    // Slack takes arguments in the query string (GET) as well as in the body.
    const args = { ...Object.fromEntries(new URL(req.url ?? "/", "http://fake").searchParams), ...parseArgs(raw, req.headers["content-type"]) };
    const auth = req.headers.authorization ?? (typeof args.token === "string" ? `Bearer ${args.token}` : "");
    delete args.token;
    this.calls.push({ method, args, at: Date.now() });
    const expected = method === "apps.connections.open" ? /^Bearer xapp-/ : new RegExp(`^Bearer ${this.token}$`);
    if (!expected.test(auth)) return json(res, 200, { ok: false, error: "invalid_auth" });
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      if ("hang" in failure) return void this.parked.push(res);
      if ("rateLimited" in failure) return json(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.rateLimited) });
      if ("status" in failure) return json(res, failure.status, { ok: false });
      return json(res, 200, { ok: false, error: failure.error });
    }
    json(res, 200, this.answer(method, args));
  }

  /**
   * A file a user shared (a screenshot sent as proof): files.info gives its url_private_download,
   * which serves the bytes only with the bot token — without it Slack redirects to its sign-in page.
   */
  addUserFile(id: string, name: string, mimetype: string, bytes: Buffer): void {
    this.userFiles.set(id, { name, mimetype, bytes });
  }

  private readonly userFiles = new Map<string, { name: string; mimetype: string; bytes: Buffer }>();
  /** user-file downloads served (file id), in order */
  readonly fileDownloads: string[] = [];

  private serveUserFile(path: string, req: IncomingMessage, res: ServerResponse): void {
    const id = /^\/files-pri\/T0001-([^/]+)\//.exec(path)?.[1] ?? "";
    const file = this.userFiles.get(id);
    if (req.headers.authorization !== `Bearer ${this.token}`) return void res.writeHead(302, { location: "https://fake.slack.com/?redir=%2Ffiles-pri" }).end();
    if (!file) return void res.writeHead(404, { "content-type": "text/plain" }).end("file not found");
    this.fileDownloads.push(id);
    res.writeHead(200, { "content-type": file.mimetype, "content-length": String(file.bytes.length) }).end(file.bytes);
  }

  private userFileInfo(id: string): Record<string, unknown> {
    const file = this.userFiles.get(id);
    if (!file) return { ok: false, error: "file_not_found" };
    const base = `http://127.0.0.1:${this.port}/files-pri/T0001-${id}`;
    return {
      ok: true,
      file: { id, name: file.name, mimetype: file.mimetype, size: file.bytes.length, mode: "hosted", url_private: `${base}/${file.name}`, url_private_download: `${base}/download/${file.name}` },
    };
  }

  private nextTs(): string {
    return `1700000000.${String(++this.seq).padStart(6, "0")}`;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "files.info":
        return this.userFileInfo(String(args.file ?? ""));
      case "auth.test":
        return { ok: true, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, team_id: FAKE_BOT.teamId, user: "advo", team: "Fake", url: "https://fake.slack.com/" };
      case "chat.postMessage": {
        const ts = this.nextTs();
        this.messages.set(`${String(args.channel)}:${ts}`, args);
        return { ok: true, channel: args.channel, ts, message: { ...args, ts } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "chat.update": {
        const key = `${String(args.channel)}:${String(args.ts)}`;
        if (!this.messages.has(key)) return { ok: false, error: "message_not_found" };
        this.messages.set(key, args);
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case "views.open":
      case "views.update":
      case "views.push":
      case "views.publish": {
        // Like Slack: a view over Block Kit's limits is refused whole.
        const refusals = viewRefusals(args.view);
        if (refusals.length) return { ok: false, error: "invalid_arguments", response_metadata: { messages: refusals } };
        if (method === "views.publish") {
          if (typeof args.user_id !== "string" || (args.view as { type?: string }).type !== "home") return { ok: false, error: "invalid_arguments" };
          this.homes.set(args.user_id, args.view as Record<string, unknown>);
        }
        return { ok: true, view: { id: `V${++this.seq}`, hash: `h${this.seq}`, ...(args.view as object) } };
      }
      case "conversations.open": {
        const users = String(args.users ?? "");
        return { ok: true, channel: { id: `D${users.replace(/^[UW]/, "")}` } };
      }
      case "conversations.members": {
        const limit = Number(args.limit ?? 100);
        const start = Number(args.cursor ?? 0);
        const page = this.members.slice(start, start + limit);
        const next = start + limit < this.members.length ? String(start + limit) : "";
        return { ok: true, members: page, response_metadata: { next_cursor: next } };
      }
      case "users.info":
        return { ok: true, user: { id: args.user, locale: this.userLocales.get(String(args.user)) ?? "en-US", tz: this.userTimeZones.get(String(args.user)) ?? "America/Los_Angeles", name: "someone" } };
      case "files.getUploadURLExternal": {
        const length = Number(args.length);
        if (!args.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: "invalid_arguments" };
        const id = `F${String(++this.seq).padStart(6, "0")}`;
        const alt = args.alt_txt ?? args.alt_text; // Slack documents alt_txt; the Web API client sends alt_text
        this.files.set(id, { filename: String(args.filename), length, ...(alt ? { altText: String(alt) } : {}) });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const list = Array.isArray(args.files) ? (args.files as { id?: string }[]) : [];
        if (!list.length) return { ok: false, error: "invalid_arguments" };
        for (const f of list) {
          const file = f.id ? this.files.get(f.id) : undefined;
          // Like Slack: a file never announced, or whose bytes never arrived, cannot be completed.
          if (!file || file.content === undefined) return { ok: false, error: "file_not_found" };
          if ((file.bytes?.length ?? Buffer.byteLength(file.content)) !== file.length) return { ok: false, error: "file_upload_size_mismatch" };
          if (args.channel_id) file.channel = String(args.channel_id);
          if (args.initial_comment) file.comment = String(args.initial_comment);
        }
        return { ok: true, files: list.map((f) => ({ id: f.id, name: this.files.get(f.id!)!.filename })) };
      }
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(k)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        /* keep the string */
      }
    }
    out[k] = v;
  }
  return out;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}
