// A Map with a maximum size: past it, the entry written longest ago goes first. The one shape of
// every in-process cache (issue 20: nothing grows with the number of people or inputs).
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly maxSize: number) {
    if (!(maxSize >= 1)) throw new RangeError(`BoundedMap size must be at least 1, got ${maxSize}`);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Writes (and refreshes the age of) an entry, dropping the oldest when full. */
  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.maxSize) this.map.delete(this.map.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * A BoundedMap whose reads also refresh an entry's age (least recently used goes first): for
 * per-person caches where a busy person must not be evicted by a crowd of one-off ones (a Discord
 * DM channel id per user, users already given a role).
 */
export class BoundedLru<K, V> extends BoundedMap<K, V> {
  override get(key: K): V | undefined {
    if (!this.has(key)) return undefined;
    const value = super.get(key) as V;
    this.set(key, value);
    return value;
  }
}

/** The cached value of `compute(key)`, computed once per key while it stays in the map. */
export function memoized<K, V>(map: BoundedMap<K, V>, key: K, compute: (key: K) => V): V {
  if (map.has(key)) return map.get(key) as V;
  const value = compute(key);
  map.set(key, value);
  return value;
}
