// One chat's events in order, different chats side by side: each chat's work runs after the
// previous work of that chat; everything started is tracked so stop() can wait for it. No SDK here.
import type { Logger } from "../../src/logger.js";

export class ChatQueue {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** work queued or running */
  get size(): number {
    return this.inflight.size;
  }

  /** Runs work after the previous work of the same chat; a failure is logged, never thrown. */
  run(chatId: string, work: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(chatId) ?? Promise.resolve())
      .then(work)
      .catch((err: unknown) => this.log.error({ error: errorText(err) }, "telegram event failed"));
    this.chains.set(chatId, next);
    this.inflight.add(next);
    void next.finally(() => {
      this.inflight.delete(next);
      if (this.chains.get(chatId) === next) this.chains.delete(chatId);
    });
    return next;
  }

  /** Resolves when some queued work has finished (polling waits here above its concurrency). */
  async anyDone(): Promise<void> {
    await Promise.race(this.inflight);
  }

  /** Resolves when every piece of work queued so far is done. */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }
}

/** The error's message only: grammY errors carry the request payload (personal data). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
