// Work that must not delay the answer but must not be lost either: it starts once the response
// has been handed to the socket ("finish"), is awaited on shutdown (drain), and failures are logged.
import type { Context } from "hono";
import type { ServerResponse } from "node:http";
import type { Logger } from "../logger.js";

export class AfterResponse {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** Runs `work` right after this request's response is sent (at once when not on Node's server). */
  schedule(c: Context, what: string, work: () => Promise<void>): void {
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    this.pending.add(done);
    const run = () => {
      work()
        .catch((err) => this.log.error({ err, what }, "after-response write failed"))
        .finally(() => {
          this.pending.delete(done);
          release();
        });
    };
    if (outgoing && !outgoing.writableFinished) {
      outgoing.once("finish", run);
      outgoing.once("close", () => { if (!outgoing.writableFinished) run(); }); // client gone: still record
    } else setImmediate(run);
  }

  get size(): number {
    return this.pending.size;
  }

  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
