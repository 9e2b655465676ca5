// One HTTP server for everything: platform webhooks, tracking redirects, /healthz.
// Routes are exact paths or prefixes; handlers get Node's req/res (webhook receivers need the raw body).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../logger.js";

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

interface Route {
  method: string;
  path: string;
  prefix: boolean;
  handler: Handler;
}

export class HttpServer {
  private readonly routes: Route[] = [];
  private server: Server | undefined;
  private inFlight = 0;
  private draining = false;

  constructor(private readonly log: Logger) {}

  /** `path` ending in `*` matches as a prefix. */
  route(method: string, path: string, handler: Handler): void {
    const prefix = path.endsWith("*");
    this.routes.push({ method: method.toUpperCase(), path: prefix ? path.slice(0, -1) : path, prefix, handler });
  }

  async listen(port: number, host = "0.0.0.0"): Promise<number> {
    this.server = createServer((req, res) => void this.dispatch(req, res));
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

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.draining) {
      res.writeHead(503, { connection: "close" }).end();
      return;
    }
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = this.routes.find(
      (r) => (r.method === req.method || (r.method === "GET" && req.method === "HEAD")) && (r.prefix ? path.startsWith(r.path) : path === r.path),
    );
    if (!route) {
      const known = this.routes.some((r) => (r.prefix ? path.startsWith(r.path) : path === r.path));
      res.writeHead(known ? 405 : 404, { "content-type": "text/plain" }).end(known ? "method not allowed" : "not found");
      return;
    }
    this.inFlight++;
    try {
      await route.handler(req, res);
    } catch (err) {
      this.log.error({ err, path, code: (err as { code?: string }).code }, "http handler failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
      else res.end();
    } finally {
      this.inFlight--;
    }
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error("request body too large"), { code: "http.body_too_large" });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
