import type { StoreChange } from './object-store.js';

/**
 * A bounded ring of one kind's changes in resourceVersion order. When full, the oldest change is
 * evicted and `resumableFrom` moves to its resourceVersion: a watch from there still sees every
 * later change, a watch from before it cannot and gets 410 Expired.
 */
export class ChangeHistory {
  private readonly ring: (StoreChange | undefined)[];
  private start = 0;
  private size = 0;
  private horizon: number;

  constructor(
    private readonly capacity: number,
    initialResourceVersion: number,
  ) {
    this.ring = new Array<StoreChange | undefined>(capacity);
    this.horizon = initialResourceVersion;
  }

  /** The oldest resourceVersion a watch can resume from without missing a change. */
  get resumableFrom(): number {
    return this.horizon;
  }

  get length(): number {
    return this.size;
  }

  push(change: StoreChange): void {
    if (this.size === this.capacity) {
      const evicted = this.ring[this.start];
      if (evicted !== undefined) this.horizon = evicted.resourceVersion;
      this.ring[this.start] = change;
      this.start = (this.start + 1) % this.capacity;
      return;
    }
    this.ring[(this.start + this.size) % this.capacity] = change;
    this.size += 1;
  }

  /** Changes with resourceVersion > from, oldest first; undefined when some were already evicted. */
  since(from: number): StoreChange[] | undefined {
    if (from < this.horizon) return undefined;
    // Binary search for the first retained change newer than `from`.
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).resourceVersion <= from) lo = mid + 1;
      else hi = mid;
    }
    const out: StoreChange[] = [];
    for (let i = lo; i < this.size; i += 1) out.push(this.at(i));
    return out;
  }

  private at(index: number): StoreChange {
    const change = this.ring[(this.start + index) % this.capacity];
    if (change === undefined) throw new Error(`change history slot ${index} is empty`);
    return change;
  }
}
