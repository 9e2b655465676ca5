// Small helpers for the transport: a bounded set of recently seen ids and a "wait at most" race.

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
