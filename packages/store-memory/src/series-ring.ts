import type { LongWindowPrecision } from './store-options.js';

type Slab = Float32Array | Float64Array;

/**
 * Slots per chunk (a power of two). The slabs are chunked so that growing adds a chunk and copies
 * nothing: one slab per metric as wide as every slot had to be reallocated and copied whole to
 * grow (≈ 0.45 s and a second copy's worth of RSS at 220,000 series), which a batch with a few
 * more series than the last paid inside its scrape window. A chunk at 15 s (60 points, three
 * metrics, float32) is 1.5 MB.
 */
export const SLOTS_PER_CHUNK = 2048;
const CHUNK_SHIFT = Math.log2(SLOTS_PER_CHUNK);
const IN_CHUNK = SLOTS_PER_CHUNK - 1;

/**
 * The long window: a few metrics per series for the last `pointsPerSeries` batches, in typed
 * slabs and no object per point. Which series a slot holds is `SeriesIndex`'s business; the ring
 * only allocates slots, stores values and knows when each slot was last seen.
 *
 * Layout: slot s lives in chunk s / SLOTS_PER_CHUNK, which holds one slab per metric laid out
 * [position × SLOTS_PER_CHUNK + s % SLOTS_PER_CHUNK], "position-major". A batch fills one
 * position for every series, so starting a batch is one contiguous `fill(NaN)` per chunk and
 * absent series need no bookkeeping; reading one series is `pointsPerSeries` strided reads,
 * which queries can afford. Batch timestamps are shared per position. Freed slots are reused
 * (free list), so churn at a steady population does not grow the ring.
 */
export class SeriesRing {
  readonly pointsPerSeries: number;
  readonly metricIds: readonly number[];
  private readonly _precision: LongWindowPrecision;
  private _used = 0;
  private readonly _free: number[] = [];
  /** Timestamp of the newest batch holding each slot's series; NaN for a free slot. */
  private _lastSeen = new Float64Array(0);
  /** `_chunks[chunk][metric]`. */
  private readonly _chunks: Slab[][] = [];
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
    this._addChunks(1);
  }

  /** Live series (slots in use). */
  get size(): number {
    return this._used - this._free.length;
  }

  /** Slots ever handed out: live and free ones lie below this. */
  get used(): number {
    return this._used;
  }

  /** Slots allocated (live, free and never used): whole chunks. */
  get slotCapacity(): number {
    return this._chunks.length * SLOTS_PER_CHUNK;
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
    const start = this._position * SLOTS_PER_CHUNK;
    for (const chunk of this._chunks) {
      for (const slab of chunk) slab.fill(Number.NaN, start, start + SLOTS_PER_CHUNK);
    }
  }

  /** Makes room for `newSeries` more series at once (whole chunks, nothing copied). */
  reserve(newSeries: number): void {
    const needed = this._used + newSeries - this._free.length;
    const capacity = this.slotCapacity;
    if (needed > capacity) this._addChunks(Math.ceil((needed - capacity) / SLOTS_PER_CHUNK));
  }

  /** A slot for a new series, cleared and marked as seen in the current batch. */
  allocate(): number {
    const reused = this._free.pop();
    let slot: number;
    if (reused !== undefined) {
      slot = reused;
      // The slot may still hold the freed series' points at positions outside the window.
      const at = slot & IN_CHUNK;
      for (const slab of this._chunks[slot >>> CHUNK_SHIFT] as Slab[]) {
        for (let p = 0; p < this.pointsPerSeries; p++) slab[p * SLOTS_PER_CHUNK + at] = Number.NaN;
      }
    } else {
      if (this._used === this.slotCapacity) this._addChunks(1);
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
    const chunk = this._chunks[slot >>> CHUNK_SHIFT] as Slab[];
    (chunk[metric] as Slab)[this._position * SLOTS_PER_CHUNK + (slot & IN_CHUNK)] = value;
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
    if (slot < 0 || slot >= this._used) return;
    const slab = this._chunks[slot >>> CHUNK_SHIFT]?.[metric];
    if (slab === undefined) return;
    const at = slot & IN_CHUNK;
    const count = Math.min(this._written, this.pointsPerSeries);
    for (let seq = this._written - count; seq < this._written; seq++) {
      const position = seq % this.pointsPerSeries;
      const value = slab[position * SLOTS_PER_CHUNK + at] as number;
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
    for (const chunk of this._chunks) for (const slab of chunk) bytes += slab.byteLength;
    return bytes;
  }

  private _addChunks(count: number): void {
    const length = SLOTS_PER_CHUNK * this.pointsPerSeries;
    for (let i = 0; i < count; i++) {
      this._chunks.push(
        this.metricIds.map(() =>
          (this._precision === 'float64'
            ? new Float64Array(length)
            : new Float32Array(length)
          ).fill(Number.NaN),
        ),
      );
    }
    const lastSeen = new Float64Array(this.slotCapacity).fill(Number.NaN);
    lastSeen.set(this._lastSeen);
    this._lastSeen = lastSeen;
  }
}
