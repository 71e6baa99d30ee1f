import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ManualClock, PermanentError, noopLogger } from '@heapster/runtime';
import { parseSinkUri, type SinkSettings } from '@heapster/sink';
import { Registry } from 'prom-client';
import { duckdbSinkFactory } from './factory.js';
import { parseConfig } from './config.js';
import { acquireStore } from './store-registry.js';
import { MINUTE, T0, clusterBatch, never, tempDirectory } from './testing/batches.js';

const settings: SinkSettings = {
  logger: noopLogger,
  clock: new ManualClock(T0 + 10 * MINUTE),
  registry: new Registry(),
};

async function rows(file: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach(remove => remove()));

function sinkFor(uri: string) {
  return duckdbSinkFactory.createMetricSink(
    duckdbSinkFactory.parseConfig(parseSinkUri(uri)),
    settings,
  );
}

describe('duckdb metric sink', () => {
  it('should store every value and labeled value with its labels, and close the file', async () => {
    const dir = tempDirectory();
    dirs.push(dir.remove);
    const file = join(dir.path, 'nested', 'metrics.duckdb');
    const sink = sinkFor(`duckdb:${file}`);
    await sink.start({ signal: never() });
    const shape = { namespaces: 2, podsPerNamespace: 3 };
    await sink.write(clusterBatch(T0, shape), { signal: never() });
    await sink.write(clusterBatch(T0 + MINUTE, shape), { signal: never() });
    await sink.shutdown({ signal: never() });
    await sink.shutdown({ signal: never() });
    await expect(sink.write(clusterBatch(T0, shape), { signal: never() })).rejects.toBeInstanceOf(
      PermanentError,
    );

    // The file is closed: another instance can open it.
    const [[samples]] = (await rows(file, 'SELECT count(*) FROM hot')) as [[bigint]];
    // Per batch: node 1 + 6 pods × 2 + 6 containers × (1 + 2 fs) + 2 ns + 1 cluster = 34.
    expect(Number(samples)).toBe(68);
    const labeled = await rows(
      file,
      `SELECT s.namespace, s.pod, s.pod_id, s.container, s.node, s.labels, s.metric_labels, h.value
       FROM hot h JOIN series s USING (series_id) JOIN metrics m USING (metric_id)
       WHERE m.name = 'filesystem/usage' AND s.pod = 'pod-4' AND h.ts = make_timestamp(${T0 * 1000})
       ORDER BY h.value`,
    );
    expect(labeled).toEqual([
      [
        'ns-1',
        'pod-4',
        'uid-4',
        'app',
        'node-1',
        '{"container_name":"app","namespace_name":"ns-1","nodename":"node-1","pod_id":"uid-4","pod_name":"pod-4","type":"pod_container"}',
        '{"resource_id":"logs"}',
        14,
      ],
      [
        'ns-1',
        'pod-4',
        'uid-4',
        'app',
        'node-1',
        expect.stringContaining('"pod_name":"pod-4"'),
        '{"resource_id":"/"}',
        104,
      ],
    ]);
    const [[series]] = (await rows(file, 'SELECT count(*) FROM series')) as [[bigint]];
    // node, 6 pods, 6 containers × 3 series (plain + 2 fs), 2 ns, cluster.
    expect(Number(series)).toBe(28);
  });

  it('should reuse series ids after a restart and share one store per file', async () => {
    const dir = tempDirectory();
    dirs.push(dir.remove);
    const file = join(dir.path, 'metrics.duckdb');
    const shape = { namespaces: 1, podsPerNamespace: 2 };
    const first = sinkFor(`duckdb:${file}`);
    await first.write(clusterBatch(T0, shape), { signal: never() });
    await first.shutdown({ signal: never() });

    const config = duckdbSinkFactory.parseConfig(parseSinkUri(`duckdb:${file}`));
    const handle = acquireStore(config, settings);
    const second = sinkFor(`duckdb:${file}`);
    await second.write(clusterBatch(T0 + MINUTE, shape), { signal: never() });
    expect(await handle.store.database()).toBeDefined();
    await second.shutdown({ signal: never() });
    await handle.release();
    const [[series, maxId]] = (await rows(file, 'SELECT count(*), max(series_id) FROM series')) as [
      [bigint, number],
    ];
    // node, 2 pods, 2 containers × 3 series, namespace, cluster: written once, ids reused.
    expect(Number(series)).toBe(11);
    expect(maxId).toBe(11);
  });

  it('should roll a batch back when its deadline has passed', async () => {
    const dir = tempDirectory();
    dirs.push(dir.remove);
    const file = join(dir.path, 'metrics.duckdb');
    const sink = sinkFor(`duckdb:${file}`);
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    await expect(
      sink.write(clusterBatch(T0, { namespaces: 1, podsPerNamespace: 1 }), {
        signal: controller.signal,
      }),
    ).rejects.toThrow('deadline');
    await sink.shutdown({ signal: never() });
    const [[samples]] = (await rows(file, 'SELECT count(*) FROM hot')) as [[bigint]];
    expect(Number(samples)).toBe(0);
  });

  it('should undo the series a rolled-back batch created, so the retry reuses their ids', async () => {
    const dir = tempDirectory();
    dirs.push(dir.remove);
    const file = join(dir.path, 'metrics.duckdb');
    const handle = acquireStore(parseConfig(parseSinkUri(`duckdb:${file}`)), settings);
    const batch = clusterBatch(T0, { namespaces: 1, podsPerNamespace: 2 });
    let looks = 0;
    // Fine when the write starts, past its deadline just before COMMIT.
    const expiring = {
      get aborted() {
        return ++looks > 1;
      },
      reason: new Error('deadline'),
    } as unknown as AbortSignal;
    await expect(handle.store.writeBatch(batch, expiring)).rejects.toThrow('deadline');
    const result = await handle.store.writeBatch(batch, never());
    expect(result.newSeries).toBe(11);
    await handle.release();
    const [[series, maxId, samples]] = (await rows(
      file,
      'SELECT count(*), max(series_id), (SELECT count(*) FROM hot) FROM series',
    )) as [[bigint, number, bigint]];
    expect([Number(series), maxId, Number(samples)]).toEqual([11, 11, 13]);
  });
});
