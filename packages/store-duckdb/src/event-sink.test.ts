import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { KubeEvent } from '@heapster/model';
import { ManualClock, PermanentError, noopLogger } from '@heapster/runtime';
import { parseSinkUri, type EventSink, type SinkSettings } from '@heapster/sink';
import { Registry } from 'prom-client';
import { numericResourceVersion } from './event-writer.js';
import { duckdbSinkFactory } from './factory.js';
import { acquireStore } from './store-registry.js';
import { T0, never, tempDirectory } from './testing/batches.js';

const settings: SinkSettings = {
  logger: noopLogger,
  clock: new ManualClock(T0),
  registry: new Registry(),
};

function event(uid: string, rv: string, count: number, message = 'Back-off restarting'): KubeEvent {
  return {
    metadata: { name: `web.${uid}`, namespace: 'default', uid, resourceVersion: rv },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'pod-uid' },
    reason: 'BackOff',
    message,
    type: 'Warning',
    source: { component: 'kubelet', host: 'node-1' },
    count,
    firstTimestamp: '2024-03-01T00:00:00Z',
    lastTimestamp: `2024-03-01T00:0${count}:00Z`,
  };
}

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach(remove => remove()));

function open(): { sink: EventSink; file: string } {
  const dir = tempDirectory();
  dirs.push(dir.remove);
  const file = join(dir.path, 'events.duckdb');
  const config = duckdbSinkFactory.parseConfig(parseSinkUri(`duckdb:${file}`));
  return { sink: duckdbSinkFactory.createEventSink(config, settings), file };
}

async function stored(file: string): Promise<unknown[][]> {
  const config = duckdbSinkFactory.parseConfig(parseSinkUri(`duckdb:${file}`));
  const handle = acquireStore(config, settings);
  try {
    return await handle.store.read(async connection =>
      (
        await connection.runAndReadAll(
          `SELECT uid, resource_version, count, reason, object_kind, object_name, source_host,
                  epoch_ms(last_timestamp)::DOUBLE, json_extract_string(event, '$.message')
           FROM events ORDER BY uid, rv_num`,
        )
      ).getRowsJS(),
    );
  } finally {
    await handle.release();
  }
}

describe('duckdb event sink', () => {
  it('should store a redelivered event once and a count update as a new version', async () => {
    const { sink, file } = open();
    await sink.start({ signal: never() });
    expect(await sink.lastStoredResourceVersion?.({ signal: never() })).toBeUndefined();
    const first = [event('e1', '100', 1), event('e2', '101', 1), event('e1', '100', 1)];
    await sink.write(first, { signal: never() });
    await sink.write(first, { signal: never() }); // a retry after a lost acknowledgement
    await sink.write([event('e1', '105', 2, 'Back-off restarting (again)')], { signal: never() });
    expect(await sink.lastStoredResourceVersion?.({ signal: never() })).toBe('105');
    await sink.shutdown({ signal: never() });
    await expect(sink.write(first, { signal: never() })).rejects.toBeInstanceOf(PermanentError);

    expect(await stored(file)).toEqual([
      [
        'e1',
        '100',
        1,
        'BackOff',
        'Pod',
        'web',
        'node-1',
        Date.UTC(2024, 2, 1, 0, 1),
        'Back-off restarting',
      ],
      [
        'e1',
        '105',
        2,
        'BackOff',
        'Pod',
        'web',
        'node-1',
        Date.UTC(2024, 2, 1, 0, 2),
        'Back-off restarting (again)',
      ],
      [
        'e2',
        '101',
        1,
        'BackOff',
        'Pod',
        'web',
        'node-1',
        Date.UTC(2024, 2, 1, 0, 1),
        'Back-off restarting',
      ],
    ]);
  });

  it('should take the numerically largest resourceVersion, ignoring non-numeric ones', async () => {
    const { sink } = open();
    await sink.write([event('a', '99', 1), event('b', '1000', 1), event('c', 'opaque-x', 1)], {
      signal: never(),
    });
    // As strings "99" > "1000"; as etcd revisions 1000 is newer.
    expect(await sink.lastStoredResourceVersion?.({ signal: never() })).toBe('1000');
    await sink.shutdown({ signal: never() });
    expect(numericResourceVersion('9223372036854775807')).toBe(9223372036854775807n);
    expect(numericResourceVersion('9223372036854775808')).toBeUndefined();
    expect(numericResourceVersion('12a')).toBeUndefined();
  });
});
