// A fake chat platform over real HTTP on 127.0.0.1: POST /send {recipient, text} → {ok, id}.
// Records every message it received, in order, so tests can count duplicates and losses.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  recipient: string;
  text: string;
}

export class FakePlatformServer {
  readonly received: Received[] = [];
  /** Date.now() at which each message of `received` arrived (same index) */
  readonly receivedAt: number[] = [];
  /** called after a message is recorded and BEFORE the answer is written (to kill a client mid-send) */
  onMessage: (m: Received, count: number) => void = () => {};
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const m = JSON.parse(body) as Received;
        this.received.push(m);
        this.receivedAt.push(Date.now());
        this.onMessage(m, this.received.length);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, id: String(this.received.length) }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
