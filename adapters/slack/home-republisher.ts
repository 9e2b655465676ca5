// Keeps the other managers' App Homes current (issue 15). A change that concerns managers (a
// decision, a new review card, a publish: anything the outbox posts or edits in the managers'
// channel, and every manager's button or form) asks for a republish; requests within `delayMs`
// coalesce into one run, and a request during a run makes exactly one more run afterwards — so a
// burst of 300 decisions costs a few rounds of views.publish, not 300 per manager. A run reads
// the readers once (managers who opened their Home, most recent first, at most `maxReaders`),
// builds the shared program summary once, and publishes `concurrency` views at a time.

import type { Logger } from "../../src/logger.js";
import type { SlackAdapterOptions } from "./options.js";

export interface HomeRun {
  /** the managers whose Home to publish again (one query) */
  readers: () => Promise<string[]>;
  /** the summary, built once per run; returns the view for one reader */
  views: () => Promise<((userId: string) => Promise<Record<string, unknown>>) | undefined>;
  publish: (userId: string, view: Record<string, unknown>) => Promise<void>;
}

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms).unref(), clear: (h) => clearTimeout(h as NodeJS.Timeout) };

export class HomeRepublisher {
  private timer: unknown;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** runs done (for tests and logs) */
  runs = 0;

  constructor(
    private readonly work: HomeRun,
    private readonly onError: (err: unknown) => void,
    private readonly options: { delayMs?: number; concurrency?: number; timers?: Timers } = {},
  ) {}

  /** Asks for a republish soon; cheap to call on every change. */
  schedule(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) return;
    this.timer = (this.options.timers ?? realTimers).set(() => this.fire(), this.options.delayMs ?? 2000);
  }

  /** Runs a pending request now and waits until nothing is pending or running. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.timer !== undefined) {
        (this.options.timers ?? realTimers).clear(this.timer);
        this.fire();
      }
      if (!this.running) return;
      await this.running;
    }
  }

  /** No new runs; waits for the one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) (this.options.timers ?? realTimers).clear(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running;
  }

  private fire(): void {
    this.timer = undefined;
    if (this.stopped) return;
    this.running = this.runOnce()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }

  private async runOnce(): Promise<void> {
    this.runs++;
    const readers = await this.work.readers();
    if (!readers.length) return;
    const viewFor = await this.work.views();
    if (!viewFor) return;
    const width = Math.max(1, this.options.concurrency ?? 4);
    for (let i = 0; i < readers.length; i += width) {
      await Promise.all(readers.slice(i, i + width).map(async (user) => {
        try {
          await this.work.publish(user, await viewFor(user));
        } catch (err) {
          this.onError(err); // one Home failing must not stop the others
        }
      }));
    }
  }
}

type Hints = { locale?: string; timeZone?: string };

/** The republisher as the adapter wires it: each reader's view in their language and time zone. */
export function homeRepublisherFor(
  republish: NonNullable<SlackAdapterOptions["homeRepublish"]>,
  hints: (userId: string) => Promise<Hints>,
  publish: HomeRun["publish"],
  log: Logger,
): HomeRepublisher {
  return new HomeRepublisher({
    readers: republish.readers,
    views: async () => {
      const render = await republish.views();
      return render && (async (user: string) => render(await hints(user)));
    },
    publish,
  }, (err) => log.warn({ err, code: (err as { code?: string }).code }, "slack: republishing a Home failed"), republish.delayMs === undefined ? {} : { delayMs: republish.delayMs });
}
