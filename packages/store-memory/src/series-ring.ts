import type { LongWindowPrecision } from './store-options.js';

type Slab = Float32Array | Float64Array;

const INITIAL_SLOTS = 256;
/** Headroom when the slabs grow in small steps: small, as a slot costs ~720 bytes at 15 s. */
const GROWTH = 1.125;
/**
 * Spare slots kept beyond the live series, as a fraction of them. Growing copies every slab
 * (≈ 0.45 s at 220,000 series): a batch with a few more series than the last must not pay that
 * inside its scrape window, so a big reservation gets this much room, and keepHeadroom restores
 * it between batches.
 */
const HEADROOM = 1 / 32;

/**
 * The long window: a few metrics per series for the last `pointsPerSeries` batches, in one
 * typed slab per metric and no object per point. Which series a slot holds is `SeriesIndex`'s
 * business; the ring only allocates slots, stores values and knows when each slot was last seen.
 *
 * Layout: slab[position × slotCapacity + slot], "position-major". A batch fills one position for
 * every series, so starting a batch is one contiguous `fill(NaN)` and absent series need no
 * bookkeeping; reading one series is `pointsPerSeries` strided reads, which queries can afford.
 * Batch timestamps are shared per position. Freed slots are reused (free list), so churn at a
 * steady population does not grow the slabs.
 */
export class SeriesRing {
  readonly pointsPerSeries: number;
  readonly metricIds: readonly number[];
  private readonly _precision: LongWindowPrecision;
  private _slotCapacity = INITIAL_SLOTS;
  private _used = 0;
  private readonly _free: number[] = [];
  /** Timestamp of the newest batch holding each slot's series; NaN for a free slot. */
  private _lastSeen = new Float64Array(INITIAL_SLOTS).fill(Number.NaN);
  private _slabs: Slab[];
  private readonly _times: Float64Array;
  private _written = 0;
  private _position = -1;

  constructor(
    metricIds: readonly number[],
    pointsPerSeries: number,
    precision: LongWindowPrecision,
  ) {
    this.metricIds = metricIds;
    this.pointsPerSeries = pointsPerSeries;
    this._precision = precision;
    this._times = new Float64Array(pointsPerSeries).fill(Number.NaN);
    this._slabs = metricIds.map(() => this._newSlab(INITIAL_SLOTS));
  }

  /** Live series (slots in use). */
  get size(): number {
    return this._used - this._free.length;
  }

  /** Slots ever handed out: live and free ones lie below this. */
  get used(): number {
    return this._used;
  }

  /** Slots allocated (live, free and never used); the slabs are this wide. */
  get slotCapacity(): number {
    return this._slotCapacity;
  }

  /** Timestamp of the newest batch, NaN before the first. */
  get newest(): number {
    return this._position < 0 ? Number.NaN : (this._times[this._position] as number);
  }

  /** Opens the position of a new batch: every series reads NaN there until `set`. */
  begin(timestamp: number): void {
    this._position = this._written % this.pointsPerSeries;
    this._written++;
    this._times[this._position] = timestamp;
    const start = this._position * this._slotCapacity;
    for (const slab of this._slabs) slab.fill(Number.NaN, start, start + this._slotCapacity);
  }

  /** Makes room for `newSeries` more series at once, so one batch grows the slabs at most once. */
  reserve(newSeries: number): void {
    const needed = this._used + newSeries - this._free.length;
    if (needed <= this._slotCapacity) return;
    // A big jump (the first batch) gets HEADROOM, small steps (churn) GROWTH.
    this._grow(
      Math.max(Math.ceil(needed * (1 + HEADROOM)), Math.ceil(this._slotCapacity * GROWTH)),
    );
  }

  /**
   * Grows the slabs now when fewer than half of HEADROOM's spare slots are left, so that the next
   * batch's new series fit without growing while it is filed. For between batches: the pipeline
   * calls it after a batch is published, outside the scrape-to-store window. True when it grew.
   */
  keepHeadroom(): boolean {
    const live = this.size;
    if (live === 0 || this._slotCapacity - live >= Math.ceil((live * HEADROOM) / 2)) return false;
    // Above the capacity: fewer than live × HEADROOM / 2 slots were spare.
    this._grow(Math.ceil(live * (1 + HEADROOM)));
    return true;
  }

  /** A slot for a new series, cleared and marked as seen in the current batch. */
  allocate(): number {
    const reused = this._free.pop();
    let slot: number;
    if (reused !== undefined) {
      slot = reused;
      // The slot may still hold the freed series' points at positions outside the window.
      for (const slab of this._slabs) {
        for (let p = 0; p < this.pointsPerSeries; p++)
          slab[p * this._slotCapacity + slot] = Number.NaN;
      }
    } else {
      if (this._used === this._slotCapacity) this._grow(Math.ceil(this._slotCapacity * GROWTH));
      slot = this._used++;
    }
    this._lastSeen[slot] = this.newest;
    return slot;
  }

  /** Marks a series as seen in the current batch. */
  markSeen(slot: number): void {
    this._lastSeen[slot] = this.newest;
  }

  /** Timestamp of the newest batch that held the series; NaN for a free slot. */
  lastSeen(slot: number): number {
    return this._lastSeen[slot] ?? Number.NaN;
  }

  /** Writes a value of the current batch (`metric` indexes `metricIds`). */
  set(slot: number, metric: number, value: number): void {
    (this._slabs[metric] as Slab)[this._position * this._slotCapacity + slot] = value;
  }

  /** Frees every series last seen at or before `cutoff`, telling `onFree` each slot; returns how many. */
  release(cutoff: number, onFree: (slot: number) => void): number {
    let released = 0;
    for (let slot = 0; slot < this._used; slot++) {
      const seen = this._lastSeen[slot] as number;
      if (Number.isNaN(seen) || seen > cutoff) continue;
      this._lastSeen[slot] = Number.NaN;
      this._free.push(slot);
      onFree(slot);
      released++;
    }
    return released;
  }

  /** Visits the non-NaN points of a series, oldest first (callers filter by timestamp). */
  forEachPoint(
    slot: number,
    metric: number,
    visit: (timestamp: number, value: number) => void,
  ): void {
    const slab = this._slabs[metric];
    if (slab === undefined || slot < 0 || slot >= this._used) return;
    const count = Math.min(this._written, this.pointsPerSeries);
    for (let seq = this._written - count; seq < this._written; seq++) {
      const position = seq % this.pointsPerSeries;
      const value = slab[position * this._slotCapacity + slot] as number;
      if (!Number.isNaN(value)) visit(this._times[position] as number, value);
    }
  }

  /** Whether the series has a point newer than `after` for the metric. */
  hasPoints(slot: number, metric: number, after: number): boolean {
    let found = false;
    this.forEachPoint(slot, metric, timestamp => (found ||= timestamp > after));
    return found;
  }

  byteSize(): number {
    let bytes = this._times.byteLength + this._lastSeen.byteLength + this._free.length * 8;
    for (const slab of this._slabs) bytes += slab.byteLength;
    return bytes;
  }

  private _grow(capacity: number): void {
    const old = this._slotCapacity;
    this._slabs = this._slabs.map(slab => {
      const next = this._newSlab(capacity);
      for (let p = 0; p < this.pointsPerSeries; p++) {
        next.set(slab.subarray(p * old, (p + 1) * old), p * capacity);
      }
      return next;
    });
    const lastSeen = new Float64Array(capacity).fill(Number.NaN);
    lastSeen.set(this._lastSeen);
    this._lastSeen = lastSeen;
    this._slotCapacity = capacity;
  }

  private _newSlab(slots: number): Slab {
    const length = slots * this.pointsPerSeries;
    const slab =
      this._precision === 'float64' ? new Float64Array(length) : new Float32Array(length);
    return slab.fill(Number.NaN);
  }
}
