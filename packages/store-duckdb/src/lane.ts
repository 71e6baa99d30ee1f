/**
 * A single-file queue of async jobs (a mutex): the samples writer, the events writer and the
 * maintenance jobs each own one, so that a compaction never interleaves with an append to the
 * same table. Bounded by construction: a sink has at most one write in flight, and maintenance
 * jobs are scheduled only when the lane is idle (`tryRun`).
 */
export class Lane {
  private _tail: Promise<unknown> = Promise.resolve();
  private _busy = 0;

  get busy(): boolean {
    return this._busy > 0;
  }

  /** Runs `job` after every job queued before it; a failure does not block later jobs. */
  run<T>(job: () => Promise<T>): Promise<T> {
    this._busy++;
    const result = this._tail.then(job);
    const settled = result.then(
      () => this._busy--,
      () => this._busy--,
    );
    this._tail = settled;
    return result;
  }

  /** Runs `job` only if nothing is queued; returns undefined (without running it) otherwise. */
  tryRun<T>(job: () => Promise<T>): Promise<T> | undefined {
    return this.busy ? undefined : this.run(job);
  }

  /** Resolves once every job queued so far has settled. */
  async idle(): Promise<void> {
    while (this._busy > 0) await this._tail;
  }
}
