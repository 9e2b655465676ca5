// Small helpers for the transport: a bounded set of recently seen ids, a "wait at most" race and
// the work in flight that stop() waits for.

/** Remembers the last `max` ids; add() is false for an id seen before (a platform retry). */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max: number) {}

  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}

export type Settled<T> = { settled: true; value: T } | { settled: false };

/** The promise's value if it settles within `ms`; the promise keeps running either way. */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), ms);
  });
  try {
    return await Promise.race([promise.then((value): Settled<T> => ({ settled: true, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Work started by listeners, tracked so stop() can wait for it. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p)).catch(() => {});
    return p;
  }

  /** Resolves when everything tracked so far (and tracked meanwhile) has settled. */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
