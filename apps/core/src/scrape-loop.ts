import { setMaxListeners } from 'node:events';
import type { Clock, Logger } from '@heapster/runtime';

/** setTimeout/clearTimeout, injected so that tests drive the loop by hand. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
};

export interface ScrapeLoopOptions {
  readonly resolutionMs: number;
  /** Delay after each window's end before scraping (Heapster fired at hh:mm:05). */
  readonly offsetMs: number;
  /** One housekeeping run: scrape the window that ended at `windowEnd` and publish it. */
  readonly run: (windowEnd: number, signal: AbortSignal) => Promise<void>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timers?: Timers;
  /** Called when a tick is skipped because the previous run is still going. */
  readonly onSkip?: (windowEnd: number) => void;
}

/**
 * Heapster's housekeeping loop, made safe: ticks are aligned to resolution boundaries (the
 * batch timestamp is the window end), at most one run is in flight (a tick that finds the
 * previous run still going is skipped and reported, never queued), a run never throws out of
 * the loop, and `stop` cancels the timer, aborts the run in flight and waits for it.
 */
export class ScrapeLoop {
  private readonly _options: ScrapeLoopOptions;
  private readonly _timers: Timers;
  private _timer: unknown;
  private _running: Promise<void> | undefined;
  private _abort = new AbortController();
  private _stopped = true;
  private _lastTickMs = Number.NaN;
  private _lastSuccessMs = Number.NaN;
  private _runs = 0;

  constructor(options: ScrapeLoopOptions) {
    if (!(options.resolutionMs > 0)) throw new RangeError('resolutionMs must be > 0');
    this._options = options;
    this._timers = options.timers ?? systemTimers;
  }

  /** When the last tick started (epoch ms, NaN before the first): liveness is judged on it. */
  get lastTickMs(): number {
    return this._lastTickMs;
  }

  /** When the last run finished without error. */
  get lastSuccessMs(): number {
    return this._lastSuccessMs;
  }

  get runs(): number {
    return this._runs;
  }

  start(): void {
    if (!this._stopped) return;
    this._stopped = false;
    this._abort = new AbortController();
    // Every kubelet request of a run listens on this signal (64 at once by default): that many
    // listeners are expected, not a leak, so Node's warning past 10 would only mislead.
    setMaxListeners(0, this._abort.signal);
    this._schedule();
  }

  /** The end of the window whose tick comes next after `now`. */
  nextWindowEnd(now: number): number {
    const { resolutionMs, offsetMs } = this._options;
    return Math.floor((now - offsetMs) / resolutionMs) * resolutionMs + resolutionMs;
  }

  /** Runs one tick now for the window ending at `windowEnd` (also what the timer calls). */
  async tick(windowEnd: number): Promise<void> {
    this._lastTickMs = this._options.clock.now();
    if (this._running !== undefined) {
      this._options.onSkip?.(windowEnd);
      this._options.logger.warn('previous run still in progress: tick skipped', { windowEnd });
      return;
    }
    const run = this._runOnce(windowEnd);
    this._running = run;
    try {
      await run;
    } finally {
      this._running = undefined;
    }
  }

  async stop(): Promise<void> {
    this._stopped = true;
    if (this._timer !== undefined) this._timers.clearTimeout(this._timer);
    this._timer = undefined;
    this._abort.abort(new Error('scrape loop stopped'));
    await this._running;
  }

  private async _runOnce(windowEnd: number): Promise<void> {
    try {
      await this._options.run(windowEnd, this._abort.signal);
      this._runs++;
      this._lastSuccessMs = this._options.clock.now();
    } catch (error) {
      if (!this._stopped)
        this._options.logger.error('housekeeping run failed', { windowEnd, error: String(error) });
    }
  }

  private _schedule(): void {
    if (this._stopped) return;
    const now = this._options.clock.now();
    const windowEnd = this.nextWindowEnd(now);
    const fireAt = windowEnd + this._options.offsetMs;
    this._timer = this._timers.setTimeout(
      () => {
        this._timer = undefined;
        this._schedule();
        void this.tick(windowEnd);
      },
      Math.max(0, fireAt - now),
    );
  }
}
