/** A small map whose entries expire; `ttlMs` 0 caches nothing. Oldest entries go first when full. */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) {
      return entry.value;
    }
    const value = await load();
    if (this.ttlMs > 0) {
      this.entries.delete(key);
      this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
      if (this.entries.size > this.maxEntries) {
        this.entries.delete(this.entries.keys().next().value as K);
      }
    }
    return value;
  }
}
