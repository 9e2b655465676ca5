// Group commit of tracking clicks (issue 13). A redirect answers first and hands its click here;
// the clicks of the responses sent in the same few turns of the event loop, and those arriving
// while an insert is in flight, go together in one multi-row insert (at most BATCH rows), so under
// load SQLite commits once per batch instead of once per click, and its single writer is not the
// redirects' bottleneck. Nothing waits for a timer: a click is written a turn of the event loop
// after its response (a few turns under load), or as soon as the insert before it finishes, and
// add() resolves only once its row is committed, so AfterResponse.drain() (graceful stop) never
// loses one. The queue is bounded: past MAX waiting clicks, add() first waits for the write in
// flight (back-pressure) rather than dropping anything. A batch the database refuses (a link
// deleted in between) is retried row by row, so one bad row never costs the others.
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { bulkInsert, clientProvider } from "./bulk-insert.js";
import type { ResolvedVisit } from "./tracking.js";

type ClickRow = ResolvedVisit["click"];

export const CLICK_BATCH = 500;
export const CLICK_QUEUE_MAX = 10_000;
const FORGET_FROM_ROWS = 100;
const GATHER_TURNS = 16;
const GATHER_ROWS = 100;
const CLICK_COLUMNS = ["trackingLinkId", "clickId", "preview", "visitorHash", "userAgent", "country", "at"].map((name) => ({ name }));

interface Waiting {
  row: ClickRow;
  done: () => void;
  failed: (e: unknown) => void;
}

export class ClickWriter {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  /** inserts issued (a batch or a single row): for tests and the bench */
  inserts = 0;

  constructor(private readonly db: Db, private readonly log: Logger, private readonly max = CLICK_QUEUE_MAX) {}

  async add(row: ClickRow): Promise<void> {
    while (this.queue.length >= this.max && this.flushing) await this.flushing;
    const written = new Promise<void>((done, failed) => this.queue.push({ row, done, failed }));
    this.flushing ??= this.gathered().then(() => this.flush());
    return written;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves once the clicks arriving together have queued: after the event loop's next turn
   * (setImmediate, not a timer), and after each following turn that brought more, at most
   * GATHER_TURNS turns or GATHER_ROWS clicks (SQLite's insert blocks the event loop while it runs:
   * ~100 rows is a few milliseconds, and the fixed cost of an insert is already shared). SQLite's inserts are synchronous, so without this no click
   * ever arrived "during" an insert and each was its own insert and commit (20,000 for 20,000
   * clicks); a quiet server writes a lone click one turn after its response.
   */
  private gathered(): Promise<void> {
    return new Promise((resolve) => {
      let turns = 0;
      let seen = this.queue.length;
      const check = () => {
        const grew = this.queue.length > seen;
        seen = this.queue.length;
        if (!grew || ++turns >= GATHER_TURNS || seen >= GATHER_ROWS) resolve();
        else setImmediate(check);
      };
      setImmediate(check);
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, CLICK_BATCH);
        await this.write(batch);
      }
    } finally {
      this.flushing = null;
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      this.inserts++;
      // One plain multi-row INSERT: the ORM's createMany builds each row's query, and these rows
      // need no defaults or relations resolved.
      // Prisma's debug history keeps the last 100 statements' arguments; clearing it costs about
      // as much as a small insert, so only big batches (heavy traffic) clear it: what small ones
      // leave behind is bounded (100 × 99 rows).
      await bulkInsert(this.db, clientProvider(this.db), "Click", CLICK_COLUMNS, batch.map(({ row: r }) => [r.trackingLinkId, r.clickId, r.preview, r.visitorHash, r.userAgent, r.country, r.at]), { forgetArguments: batch.length >= FORGET_FROM_ROWS });
      for (const w of batch) w.done();
      return;
    } catch (e) {
      if (batch.length === 1) {
        batch[0]!.failed(e);
        return;
      }
      this.log.warn({ err: e, clicks: batch.length }, "click batch refused; writing its rows one by one");
    }
    for (const w of batch) {
      try {
        this.inserts++;
        await this.db.click.create({ data: w.row });
        w.done();
      } catch (e) {
        w.failed(e);
      }
    }
  }
}
