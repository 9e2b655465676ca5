// One HTTP app for everything (platform webhooks, tracking redirects, health, metrics, dashboard):
// a Hono 4 app served by @hono/node-server on Node's own http server.
//
// Adding endpoints — write a Hono sub-app in its own file and mount it with ONE line in src/app.ts:
//
//   export function xyzRoutes(deps: XyzDeps): Hono { const app = new Hono(); app.get("/xyz", …); return app; }
//   http.mount(xyzRoutes(deps));              // routes keep the full paths they declare
//
// A sub-app may be mounted at any time, also after listen() (adapters mount their webhooks when they
// start). Errors thrown by any route reach one boundary (onError below): an HTTPException (400, 401,
// 413 … from src/http/body.ts) is answered as it says with a warning at most; anything else is a
// real failure: logged with its code and answered 500.
//
// Node-style handlers (req, res) still work through route(): they get the raw Node request and
// response (env.incoming/outgoing), e.g. `http.route("GET", "/x/*", getRequestListener(sub.fetch))`.
//
// Shutdown: close() stops accepting connections, answers 503 to requests arriving while draining
// (keep-alive sockets) and waits for the requests in flight.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { getRequestListener, type HttpBindings } from "@hono/node-server";
import { Hono, type Context, type Env, type Schema } from "hono";
import { HTTPException } from "hono/http-exception";
import { PatternRouter } from "hono/router/pattern-router";
import type { Logger } from "../logger.js";
import { countDatabaseError, type MetricsHooks } from "../metrics-hooks.js";
import { DEFAULT_BODY_LIMIT } from "./body.js";

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
export type AppEnv = { Bindings: HttpBindings };

export interface HttpServerOptions {
  /** requests announcing a larger body (content-length) get 413 before any route runs */
  bodyLimit?: number;
  /** counts database errors that reach the boundary */
  metrics?: MetricsHooks | undefined;
}

export class HttpServer {
  /** The root app. Prefer mount(); use this for app-wide middleware. */
  readonly app: Hono<AppEnv>;
  private server: Server | undefined;
  private inFlight = 0;
  private draining = false;
  /** every (method-less) path that has a route: a known path with another method is a 405, not a 404 */
  private readonly paths = new PatternRouter<true>();

  private readonly metrics: MetricsHooks | undefined;

  constructor(private readonly log: Logger, options: HttpServerOptions = {}) {
    this.metrics = options.metrics;
    const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    // PatternRouter: routes may be added after the first request (adapters mount on start).
    this.app = new Hono<AppEnv>({ router: new PatternRouter() });
    this.app.use("*", async (c, next) => {
      const length = Number(c.req.header("content-length") ?? 0);
      if (length > limit) return c.text("payload too large", 413);
      await next();
    });
    this.app.notFound((c) => {
      const known = this.paths.match("ALL", c.req.path)[0].length > 0;
      return known ? c.text("method not allowed", 405) : c.text("not found", 404);
    });
    this.app.onError((err, c) => this.onError(err, c));
  }

  /** Mounts a Hono sub-app; its routes keep their own paths (under `base` when given). */
  mount<E extends Env, S extends Schema, B extends string>(sub: Hono<E, S, B>, base = "/"): void {
    this.app.route(base, sub);
    for (const r of sub.routes) if (r.method !== "ALL") this.paths.add("ALL", joinPath(base, r.path), true);
  }

  /** A Node-style handler on the raw request/response. `path` ending in `*` matches as a prefix. */
  route(method: string, path: string, handler: Handler): void {
    const upper = method.toUpperCase();
    this.app.on(upper, path, async (c) => {
      const { incoming, outgoing } = c.env;
      await handler(incoming, outgoing);
      await finished(outgoing);
      return alreadySent();
    });
    this.paths.add("ALL", path, true);
  }

  async listen(port: number, host = "0.0.0.0"): Promise<number> {
    const listener = getRequestListener(this.app.fetch);
    this.server = createServer((req, res) => void this.dispatch(req, res, listener));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => resolve());
    });
    const addr = this.server.address();
    return typeof addr === "object" && addr ? addr.port : port;
  }

  /** Stops accepting connections and waits for in-flight requests. */
  async close(): Promise<void> {
    this.draining = true;
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, listener: Handler): Promise<void> {
    if (this.draining) {
      res.writeHead(503, { connection: "close" }).end();
      return;
    }
    this.inFlight++;
    try {
      await listener(req, res);
    } finally {
      this.inFlight--;
    }
  }

  private onError(err: Error, c: Context): Response {
    if (err instanceof HTTPException) {
      // Expected refusals of bad input: the client's problem, not ours.
      if (err.status >= 500) this.log.error({ err, path: c.req.path }, "http request failed");
      else this.log.debug({ status: err.status, path: c.req.path, reason: err.message }, "http request refused");
      return err.getResponse();
    }
    const code = countDatabaseError(this.metrics, "http", err) ?? (err as { code?: string }).code ?? "internal";
    this.log.error({ err, path: c.req.path, code }, "http handler failed");
    return c.text("internal error", 500);
  }
}

// @hono/node-server replaces the global Response with a lighter subclass whose fast path ignores the
// "already sent" header; the platform's own Response (its prototype parent) honours it.
const PlatformResponse: typeof Response = globalThis.Response.name === "Response" ? globalThis.Response : Object.getPrototypeOf(globalThis.Response);

/** A Response that tells @hono/node-server the Node response was written by the handler itself. */
export function alreadySent(): Response {
  return new PlatformResponse(null, { headers: { "x-hono-already-sent": "1" } });
}

/** Resolves once a Node response has been fully written (or its connection closed). */
export function finished(res: ServerResponse): Promise<void> {
  if (res.writableEnded || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    res.once("finish", resolve);
    res.once("close", resolve);
  });
}

function joinPath(base: string, path: string): string {
  if (base === "/" || base === "") return path;
  return `${base.replace(/\/+$/, "")}${path === "/" ? "" : path}`;
}

// Kept for Node-style handlers mounted with route().
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export async function readBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error("request body too large"), { code: "http.body_too_large" });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
