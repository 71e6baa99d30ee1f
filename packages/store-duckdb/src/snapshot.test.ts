import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { ManualClock, RetryableError, noopLogger } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from './config.js';
import { DUCKDB_LOCKED_CODE } from './duckdb-errors.js';
import { DuckDbHistory } from './history/duckdb-history.js';
import { snapshotPath } from './snapshot.js';
import { acquireStore } from './store-registry.js';
import { MINUTE, T0, clusterBatch, never, tempDirectory } from './testing/batches.js';

const settings = { logger: noopLogger, clock: new ManualClock(T0), reopenCheckMs: 0 };
const shape = { namespaces: 1, podsPerNamespace: 2 };
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const job of cleanup.splice(0).reverse()) await job();
});

/** Another process holding `file` open for writing, as the core would. */
async function holdInChild(file: string): Promise<ChildProcess> {
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const instance = await DuckDBInstance.create(process.argv[1]);
    await (await instance.connect()).run('CREATE TABLE IF NOT EXISTS t (x INTEGER)');
    process.stdout.write('holding\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], {
    cwd: join(import.meta.dirname ?? '.', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanup.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('holding\n');
  return child;
}

describe('duckdb store across processes', () => {
  it('should refuse a file another process writes, with a retryable "locked" error', async () => {
    const dir = tempDirectory();
    cleanup.push(dir.remove);
    const file = join(dir.path, 'held.duckdb');
    await holdInChild(file);
    const reader = acquireStore(
      parseConfig(parseSinkUri(`duckdb:${file}?read_only=true`)),
      settings,
    );
    cleanup.push(() => reader.release());
    const error = await new DuckDbHistory(reader.store).ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).code).toBe(DUCKDB_LOCKED_CODE);
    const writer = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}`)), settings);
    cleanup.push(() => writer.release());
    const refused = await writer.store
      .writeBatch(clusterBatch(T0, shape), never())
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetryableError);
    expect((refused as RetryableError).code).toBe(DUCKDB_LOCKED_CODE);
  });

  it('should let a read-only reader follow the snapshots of a writer', async () => {
    const dir = tempDirectory();
    cleanup.push(dir.remove);
    const file = join(dir.path, 'live.duckdb');
    const writer = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}`)), settings);
    cleanup.push(() => writer.release());
    await writer.store.writeBatch(clusterBatch(T0, shape), never());
    expect(await writer.store.snapshot()).toBe(snapshotPath(file));

    const reader = acquireStore(
      parseConfig(parseSinkUri(`duckdb:${snapshotPath(file)}?read_only=true`)),
      settings,
    );
    cleanup.push(() => reader.release());
    const history = new DuckDbHistory(reader.store);
    const query = { metric: 'cpu/usage_rate', type: 'pod', pods: ['pod-1'] } as const;
    const range = { start: T0, end: T0 + 10 * MINUTE };
    expect((await history.points(query, range))[0]?.points).toHaveLength(1);

    await writer.store.writeBatch(clusterBatch(T0 + MINUTE, shape), never());
    expect((await history.points(query, range))[0]?.points).toHaveLength(1); // not yet published
    await writer.store.snapshot();
    expect((await history.points(query, range))[0]?.points).toEqual([
      { timestamp: T0, value: 2 },
      { timestamp: T0 + MINUTE, value: 2 },
    ]);
  });
});
