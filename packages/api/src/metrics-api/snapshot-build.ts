import type { LatestBatch } from '@heapster/store-memory';
import { snapshotSteps, UsageSnapshot, type SnapshotParts } from './usage-snapshot.js';

/**
 * Indexing one batch into a UsageSnapshot, shared by whoever needs it first: a rendering ahead
 * of requests does it a step per turn of the event loop (`sliced`), a request that cannot wait
 * finishes the remaining steps at once (`now`). Either way the batch is indexed once.
 */
export class SnapshotBuild {
  private _snapshot: UsageSnapshot | undefined;
  private readonly _steps: Generator<void, SnapshotParts, void>;

  constructor(
    readonly latest: LatestBatch,
    fallbackWindowMs: number,
  ) {
    this._steps = snapshotSteps(latest, fallbackWindowMs);
  }

  /** The snapshot, finishing the indexing now if need be. */
  now(): UsageSnapshot {
    let snapshot = this._snapshot;
    while (snapshot === undefined) snapshot = this._step();
    return snapshot;
  }

  /** The snapshot, indexing one step per turn of the event loop. */
  async sliced(yieldToLoop: () => Promise<void>): Promise<UsageSnapshot> {
    let snapshot = this._snapshot;
    while (snapshot === undefined) {
      snapshot = this._step();
      if (snapshot === undefined) await yieldToLoop();
    }
    return snapshot;
  }

  private _step(): UsageSnapshot | undefined {
    if (this._snapshot === undefined) {
      const step = this._steps.next();
      if (step.done === true) this._snapshot = new UsageSnapshot(step.value);
    }
    return this._snapshot;
  }
}
