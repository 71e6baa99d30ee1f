import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often the kubelets' idleness is checked: a quarter of the default idle time. */
const CHECK_EVERY_MS = 250;

export interface IdleCollectorOptions {
  /** Runs a full garbage collection (see exposeGc). */
  readonly collect: () => void;
  /** Bytes of JS heap in use (v8.getHeapStatistics().used_heap_size). */
  readonly heapUsed: () => number;
  /** How long no kubelet request must have arrived (default 1 s). */
  readonly idleMs?: number;
  /** Heap growth since the last collection that makes one worth it (default 64 MB). */
  readonly minGrowthBytes?: number;
  readonly now?: () => number;
  /** Told of each collection (the CLI logs it with --verbose). */
  readonly onCollect?: (report: { beforeBytes: number; afterBytes: number; ms: number }) => void;
}

/**
 * Collects kubesim's garbage between scrapes instead of during them.
 *
 * Why: kubesim stands in for every kubelet of the cluster in one process. At 100,000 pods its
 * heap holds about 1 GB, and V8 starts a major collection when a scrape's allocations fill the
 * old generation, which is during a scrape: 750–790 ms of incremental marking on kubesim's one
 * thread then stalled all 1,000 "kubelets" at once, and the scrape under measurement took a
 * second longer (bench/core-scale, session 7). Real kubelets are separate machines that never
 * pause together. So, once the kubelets have been idle for `idleMs` after serving requests and
 * the heap has grown by `minGrowthBytes`, kubesim collects right away, leaving the old
 * generation room for the next scrape.
 */
export class IdleCollector {
  private readonly _options: IdleCollectorOptions;
  private readonly _idleMs: number;
  private readonly _minGrowthBytes: number;
  private readonly _now: () => number;
  private _lastRequest = Number.NEGATIVE_INFINITY;
  private _requestsSinceCollect = 0;
  private _usedAfterCollect: number;
  private _timer: NodeJS.Timeout | undefined;

  constructor(options: IdleCollectorOptions) {
    this._options = options;
    this._idleMs = options.idleMs ?? 1000;
    this._minGrowthBytes = options.minGrowthBytes ?? 64 * 1024 * 1024;
    this._now = options.now ?? (() => performance.now());
    this._usedAfterCollect = options.heapUsed();
  }

  /** A kubelet request was served. */
  noteRequest(): void {
    this._lastRequest = this._now();
    this._requestsSinceCollect++;
  }

  /**
   * Collects now if the kubelets have just gone idle after requests and the heap grew enough;
   * true when it did. The decision is taken once per burst of requests, as it goes idle: a heap
   * that crosses the threshold later, between scrapes, waits for the end of the next scrape.
   * Collecting as soon as it crossed (until session 10) put a collection of ≈ 1 s anywhere
   * between two scrapes, a few times in 64 cycles right as the next scrape began, stalling it.
   */
  check(): boolean {
    if (this._requestsSinceCollect === 0) return false;
    if (this._now() - this._lastRequest < this._idleMs) return false;
    this._requestsSinceCollect = 0;
    const before = this._options.heapUsed();
    if (before - this._usedAfterCollect < this._minGrowthBytes) return false;
    const started = this._now();
    this._options.collect();
    const after = this._options.heapUsed();
    this._usedAfterCollect = after;
    this._options.onCollect?.({
      beforeBytes: before,
      afterBytes: after,
      ms: this._now() - started,
    });
    return true;
  }

  start(): void {
    if (this._timer !== undefined) return;
    this._timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this._timer.unref();
  }

  stop(): void {
    if (this._timer !== undefined) clearInterval(this._timer);
    this._timer = undefined;
  }
}

/** V8's full collection, without starting node with --expose-gc. */
export function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
