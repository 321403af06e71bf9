/**
 * An in-memory cache for answers that decide who may do what: entries expire after `ttlMs`, and CacheInvalidation
 * handlers drop them at once when what they depend on changes. A lookup that began before such a drop is not
 * stored after it: it read the database before the change (say, a block) and would bring the old answer back for
 * a whole ttl. Bounded: past `maxEntries` it starts over.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  /** Counts drops; a lookup stores its answer only if none happened while it ran. */
  private drops = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.value;
    const dropsBefore = this.drops;
    const value = await load();
    if (this.drops === dropsBefore) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, at: Date.now() });
    }
    return value;
  }

  delete(key: string): void {
    this.drops += 1;
    this.entries.delete(key);
  }

  deleteWhere(match: (key: string) => boolean): void {
    this.drops += 1;
    for (const key of this.entries.keys()) if (match(key)) this.entries.delete(key);
  }
}
