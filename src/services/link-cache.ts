// A small bounded cache of tracking code → link, so a burst of visits to one link (a story going
// viral) costs one database read per TTL instead of one per visit. Bounded (oldest entry evicted)
// so random codes cannot grow it; short TTL so a manager's fix to a landing URL, or a deleted
// link, is followed within seconds. Unknown codes are not cached: a link created a moment after a
// stray visit must work at once.
export interface CachedLink {
  id: number;
  targetUrl: string;
  participationId: number | null;
  mission: { id: number; title: string; landingUrl: string | null } | null;
  publicCode: string | null;
}

export interface LinkCacheOptions {
  max?: number;
  ttlMs?: number;
  /** monotonic milliseconds; tests pass their own */
  now?: () => number;
}

export class LinkCache {
  private readonly entries = new Map<string, { link: CachedLink; until: number }>();
  private readonly max: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(opts: LinkCacheOptions = {}) {
    this.max = opts.max ?? 5000;
    this.ttlMs = opts.ttlMs ?? 10_000;
    this.now = opts.now ?? (() => performance.now());
  }

  /** The cached link, or the one `load` reads (then kept for ttlMs); null when there is none. */
  async get(code: string, load: (code: string) => Promise<CachedLink | null>): Promise<CachedLink | null> {
    const hit = this.entries.get(code);
    if (hit && hit.until > this.now()) return hit.link;
    if (hit) this.entries.delete(code);
    const link = await load(code);
    if (!link) return null;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!); // Map keeps insertion order: the oldest goes
    this.entries.set(code, { link, until: this.now() + this.ttlMs });
    return link;
  }

  get size(): number {
    return this.entries.size;
  }
}
