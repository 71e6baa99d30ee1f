import type { LatestBatch } from '@heapster/store-memory';
import type { RenderedList } from './rendered-list.js';

interface Rendered {
  readonly latest: LatestBatch;
  readonly list: RenderedList;
}

interface Rendering {
  readonly latest: LatestBatch;
  /** The plain bytes are rendered. */
  readonly rendered: Promise<RenderedList>;
  /** ...and finished (compressed): from then on it is the held list. */
  readonly done: Promise<RenderedList>;
  /** Started by `renderAhead` (a batch was stored), not by a request waiting for it. */
  readonly ahead: boolean;
}

/** What one kind of unfiltered list holds; for tests and docs. */
export interface RenditionStats {
  /** Timestamp of the batch whose list is held, NaN when none. */
  readonly batchTimestampMs: number;
  readonly bytes: number;
  /** Renderings started so far. */
  readonly renders: number;
  /** Size of the held list gzipped; 0 when it is not (too small, or not compressing). */
  readonly gzipBytes: number;
  /** Wall time of the held list's compression on the thread pool, ms; NaN when none. */
  readonly compressMs: number;
}

/**
 * One kind of unfiltered list (all pods, or all nodes) of the newest batch, rendered once per
 * batch and held until the next one replaces it: one rendition at a time, plus the one being
 * rendered.
 *
 * - A request gets the newest batch's list, waiting for its rendering if need be (rendering it
 *   if nobody is), with one exception: while a rendering started ahead of demand is under way,
 *   requests get the previous batch's list at once. That list is at most one rendering old
 *   (under a second at 100,000 pods), and the alternative is making them wait for that second.
 * - `renderAhead` starts rendering a newly stored batch, but only when the list was requested
 *   within `windowMs`: rendering 100,000 pods costs 0.5–1 s of CPU per batch, not worth paying
 *   when nobody asks. Without recent demand the held list is dropped, freeing its memory.
 * - A rendering ends with `finish` (compressing the list off the main thread), and only then
 *   does the list replace the held one, so the previous list is served, compressed, until the
 *   new one is ready in both forms. A request that has to wait asks for the plain bytes (as
 *   soon as they are rendered) or for the finished list (compressed too).
 */
export class ListRendition {
  private _ready: Rendered | undefined;
  private _rendering: Rendering | undefined;
  /** The rendering's list between `rendered` and `done`. */
  private _unfinished: Rendered | undefined;
  private _demandMs = Number.NEGATIVE_INFINITY;
  private _renders = 0;

  constructor(
    private readonly _render: (latest: LatestBatch) => Promise<RenderedList>,
    private readonly _now: () => number,
    private readonly _windowMs: number,
    /** Runs on each rendered list before it is held; a failure leaves it unfinished. */
    private readonly _finish: (list: RenderedList) => Promise<void> = async () => {},
  ) {}

  /**
   * The list for a request (see the class comment); counts as demand. `finished`: when the
   * newest list must be waited for, wait until it is compressed too, not just rendered.
   */
  async get(latest: LatestBatch, finished = false): Promise<RenderedList> {
    this._demandMs = this._now();
    if (this._ready?.latest === latest) return this._ready.list;
    let rendering = this._rendering;
    if (rendering?.latest === latest) {
      if (rendering.ahead && this._ready !== undefined) return this._ready.list;
    } else {
      this._ready = undefined;
      rendering = this._start(latest, false);
    }
    return finished ? rendering.done : rendering.rendered;
  }

  /** The newest batch's list if it is already rendered (no waiting, no demand). */
  peek(latest: LatestBatch): RenderedList | undefined {
    if (this._ready?.latest === latest) return this._ready.list;
    // Rendered but still compressing: its plain bytes are good already.
    return this._unfinished?.latest === latest ? this._unfinished.list : undefined;
  }

  /** A batch was stored: render it now if the list is in demand, else drop the held one. */
  renderAhead(latest: LatestBatch): void {
    if (this._ready?.latest === latest || this._rendering?.latest === latest) return;
    if (this._windowMs <= 0 || this._now() - this._demandMs > this._windowMs) {
      this._ready = undefined;
      return;
    }
    this._start(latest, true);
  }

  stats(): RenditionStats {
    const list = this._ready?.list;
    return {
      batchTimestampMs: this._ready?.latest.batch.timestamp ?? Number.NaN,
      bytes: list?.byteLength ?? 0,
      renders: this._renders,
      gzipBytes: list?.gzip?.length ?? 0,
      compressMs: list?.compressMs ?? Number.NaN,
    };
  }

  private _start(latest: LatestBatch, ahead: boolean): Rendering {
    const rendered = this._render(latest);
    const done = rendered.then(list =>
      this._finish(list).then(
        () => list,
        // Served uncompressed then (and compressed per request, if at all).
        () => list,
      ),
    );
    const rendering: Rendering = { latest, ahead, rendered, done };
    void rendered.then(
      list => {
        if (this._rendering === rendering) this._unfinished = { latest, list };
      },
      () => {},
    );
    this._rendering = rendering;
    this._renders++;
    void rendering.done.then(
      list => {
        if (this._rendering === rendering) {
          this._rendering = undefined;
          this._unfinished = undefined;
        }
        // A slower rendering of an older batch never replaces a newer list.
        const held = this._ready?.latest.batch.timestamp ?? Number.NEGATIVE_INFINITY;
        if (latest.batch.timestamp > held) this._ready = { latest, list };
      },
      // The requests waiting for it get the error; the next one renders again.
      () => {
        if (this._rendering === rendering) this._rendering = undefined;
      },
    );
    return rendering;
  }
}
