import { join } from 'node:path';
import { ManualClock, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from '../config.js';
import { acquireStore, type StoreHandle } from '../store-registry.js';
import { HOUR, T0, tempDirectory, type ClusterShape } from './batches.js';

/** One namespace of three pods whose cpu grows by one an hour: the maintenance tests' cluster. */
export const THREE_PODS: ClusterShape = {
  namespaces: 1,
  podsPerNamespace: 3,
  cpu: (pod: number, t: number) => pod + t / HOUR,
};

/** Stores in temporary directories on a manual clock at T0, all closed and removed by cleanup(). */
export class StoreFixture {
  private readonly _cleanup: (() => Promise<void> | void)[] = [];

  constructor(private readonly _fileName: string) {}

  /** A store for `duckdb:<dir>/<fileName><query>`. */
  open(query = ''): { handle: StoreHandle; clock: ManualClock } {
    const dir = tempDirectory();
    const clock = new ManualClock(T0);
    const handle = acquireStore(
      parseConfig(parseSinkUri(`duckdb:${join(dir.path, this._fileName)}${query}`)),
      { logger: noopLogger, clock },
    );
    this._cleanup.push(dir.remove, () => handle.release());
    return { handle, clock };
  }

  /** For afterEach: releases the stores opened since, newest first. */
  async cleanup(): Promise<void> {
    for (const job of this._cleanup.splice(0).reverse()) await job();
  }
}
