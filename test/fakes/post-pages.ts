// Fake social networks over real HTTP on 127.0.0.1: oEmbed endpoints for YouTube, TikTok and X
// (GET /oembed/<network>?url=<post url>) and post pages (GET /page/<anything>), plus the nasty
// cases a fetcher must survive: redirects, a server that never answers, an endless body, a body
// that trickles forever.
// Every request is recorded so tests can prove what was (and was not) fetched.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeAnswer = { status: number; body?: string; headers?: Record<string, string> };

export class FakePostPages {
  /** oEmbed answers by network and post URL; an unknown post URL answers 404 like the real ones. */
  readonly oembed = new Map<string, FakeAnswer>();
  /** Page answers by path (e.g. "/page/ig-1"). */
  readonly pages = new Map<string, FakeAnswer>();
  readonly requests: Array<{ path: string; userAgent: string | undefined }> = [];
  private server: Server | undefined;
  private hanging: ServerResponse[] = [];
  base = "";

  setOembed(network: "youtube" | "tiktok" | "x", postUrl: string, answer: FakeAnswer | Record<string, unknown>): void {
    const a = "status" in answer && typeof answer.status === "number" ? (answer as FakeAnswer) : { status: 200, body: JSON.stringify(answer) };
    this.oembed.set(`${network} ${postUrl}`, a);
  }

  oembedUrl(network: "youtube" | "tiktok" | "x"): string {
    return `${this.base}/oembed/${network}`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://fake");
    this.requests.push({ path: url.pathname + url.search, userAgent: req.headers["user-agent"] });
    const send = (a: FakeAnswer) => {
      res.writeHead(a.status, { "content-type": "text/html; charset=utf-8", ...a.headers });
      res.end(a.body ?? "");
    };
    const oembed = /^\/oembed\/(youtube|tiktok|x)$/.exec(url.pathname);
    if (oembed) return send(this.oembed.get(`${oembed[1]} ${url.searchParams.get("url")}`) ?? { status: 404, body: "Not Found" });
    if (url.pathname === "/redirect") return send({ status: 302, headers: { location: url.searchParams.get("to") ?? "/" } });
    if (url.pathname === "/loop") return send({ status: 302, headers: { location: "/loop" } });
    if (url.pathname === "/hang") {
      this.hanging.push(res); // never answers
      return;
    }
    if (url.pathname === "/endless") {
      // A body with no content-length that never ends: only the byte cap stops it.
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = "x".repeat(16 * 1024);
      const pump = () => {
        while (res.write(chunk)) if (res.destroyed) return;
        res.once("drain", pump);
      };
      res.on("error", () => {});
      pump();
      return;
    }
    if (url.pathname === "/trickle") {
      // A few bytes every 50 ms, forever: under any byte cap, so only the overall deadline stops it.
      res.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write("<p>.</p>")), 50);
      res.on("close", () => clearInterval(timer));
      res.on("error", () => {});
      return;
    }
    if (url.pathname === "/big-declared") return send({ status: 200, body: "y".repeat(64 * 1024), headers: { "content-length": String(64 * 1024) } });
    send(this.pages.get(url.pathname) ?? { status: 404, body: "Not Found" });
  }

  /** Answers every request parked on /hang with 200 "released". */
  releaseHanging(): void {
    for (const r of this.hanging.splice(0)) {
      r.writeHead(200, { "content-type": "text/plain" });
      r.end("released");
    }
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A post page with Open Graph tags, shaped like the public pages of the networks. */
export function ogPage(meta: { title?: string; description?: string; url?: string }, extraHead = ""): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const tags = [
    meta.title !== undefined ? `<meta property="og:title" content="${esc(meta.title)}">` : "",
    meta.description !== undefined ? `<meta property="og:description" content="${esc(meta.description)}">` : "",
    meta.url !== undefined ? `<meta property="og:url" content="${esc(meta.url)}">` : "",
  ].join("\n");
  return `<!doctype html><html><head><title>${esc(meta.title ?? "")}</title>\n${tags}\n${extraHead}</head><body><div id="root"></div></body></html>`;
}
