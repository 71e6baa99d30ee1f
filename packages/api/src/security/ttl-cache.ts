/**
 * A bounded map whose entries expire: review results are cached for the configured TTL
 * (`--authentication-token-webhook-cache-ttl`, `--authorization-webhook-cache-*-ttl`, 10 s by
 * default) and the oldest entry goes when the bound is reached, so a flood of distinct tokens
 * cannot grow memory.
 */
export class TtlCache<V> {
  private readonly _entries = new Map<string, { readonly value: V; readonly expires: number }>();

  constructor(
    private readonly _maxEntries: number,
    private readonly _now: () => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this._entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this._now()) {
      this._entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this._entries.delete(key);
    this._entries.set(key, { value, expires: this._now() + ttlMs });
    while (this._entries.size > this._maxEntries) {
      const oldest = this._entries.keys().next();
      if (oldest.done === true) break;
      this._entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this._entries.size;
  }
}
