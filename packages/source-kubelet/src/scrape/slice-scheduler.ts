/**
 * Runs synchronous jobs (decoding a kubelet's body into the batch) a slice at a time: at most
 * `budgetMs` of them per turn of the event loop, the rest in the next turns.
 *
 * Why: a body arrives, is read and is decoded in the same turn. When dozens of bodies complete
 * together, dozens of 2–3 ms decodes ran back to back and a request to the API (kubectl top,
 * the HPA) waited for all of them; a 2.5 MB answer needs a few turns to be written. Sliced, the
 * loop comes back to the sockets every ~`budgetMs` while the scrape goes on at the same speed.
 *
 * Jobs run in the order they were given. The queue is bounded by the scraper's concurrency: a
 * scrape worker waits for its job before it asks the next kubelet.
 */
export class SliceScheduler {
  private readonly _jobs: (() => void)[] = [];
  private _scheduled = false;

  constructor(
    private readonly _budgetMs = 10,
    private readonly _now: () => number = () => performance.now(),
  ) {
    if (!(Number.isFinite(_budgetMs) && _budgetMs >= 0)) {
      throw new RangeError(`budgetMs must be a non-negative number, got ${_budgetMs}`);
    }
  }

  /** Runs `work` in a coming slice; settles with its result or its exception. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this._jobs.push(() => {
        try {
          resolve(work());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      if (!this._scheduled) {
        this._scheduled = true;
        setImmediate(this._drain);
      }
    });
  }

  /** Jobs waiting for a slice. */
  get waiting(): number {
    return this._jobs.length;
  }

  private readonly _drain = (): void => {
    const deadline = this._now() + this._budgetMs;
    for (let job = this._jobs.shift(); job !== undefined; job = this._jobs.shift()) {
      job();
      if (this._now() >= deadline) break;
    }
    if (this._jobs.length > 0) setImmediate(this._drain);
    else this._scheduled = false;
  };
}
