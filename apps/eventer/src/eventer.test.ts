import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { start, type Kubesim } from '@heapster/kubesim';
import { createMemoryLogger } from '@heapster/runtime';
import { tempDir, waitFor, type TempDir } from '@heapster/testing';
import { startEventer, type RunningEventer } from './eventer.js';
import { parseEventerArgs } from './parse-eventer-args.js';
import { loadEventerSinkRegistry } from './sink-factories.js';
import { EventWriter } from './testing/kube-events.js';
import { memorySinkFactory } from './testing/memory-sink-factory.js';

const memory = memorySinkFactory();
const registry = await loadEventerSinkRegistry(undefined, [memory.factory]);

describe('eventer against kubesim', () => {
  let sim: Kubesim;
  let dir: TempDir;
  let writer: EventWriter;

  beforeAll(async () => {
    sim = await start({ nodes: 1, podsPerNode: 2, autoTick: false, eventsPerSecond: 0 });
    dir = await tempDir('eventer-it');
    writer = new EventWriter(sim.store);
  });
  afterAll(async () => {
    await sim.stop();
    await dir.cleanup();
  });

  const launch = async (): Promise<RunningEventer> => {
    const parsed = parseEventerArgs(
      [
        `--source=kubernetes:${sim.apiUrl}?inClusterConfig=false`,
        '--sink=memory:all',
        '--sink=memory:warnings?types=Warning',
        '--sink=memory:flaky?fail_writes=2',
        '--frequency=1s',
        '--healthz-ip=127.0.0.1',
        '--healthz-port=0',
        `--checkpoint-file=${join(dir.path, 'checkpoint.json')}`,
        '--max-retry-delay=200ms',
      ],
      'test',
      { registry, env: {}, kube: { homeDir: null } },
    );
    if (parsed.kind !== 'run') throw new Error('expected a run');
    return startEventer(parsed.config, { sinkRegistry: registry, logger: createMemoryLogger() });
  };
  const eventVersions = () =>
    sim.store
      .list('Event')
      .map(e => `${e.metadata.uid}/${e.metadata.resourceVersion}`)
      .sort();
  const held = (name: string) => [...memory.store(name).versions.keys()].sort();
  const deliveries = (name: string) =>
    memory.store(name).writes.reduce((sum, batch) => sum + batch.length, 0);
  const get = async (eventer: RunningEventer, path: string) => {
    const response = await fetch(`http://127.0.0.1:${eventer.port}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('should export the listed events, then every watched version, to the sinks whose filter accepts them', async () => {
    const first = writer.create('a');
    writer.create('b', 'Warning', 'BackOff');
    const eventer = await launch();
    await waitFor(async () => (await get(eventer, '/readyz')).status === 200, {
      description: 'readyz',
    });
    const bumped = writer.bump(first);
    writer.create('b', 'Warning', 'Failed');
    await waitFor(() => held('all').length === 4, { description: 'all four versions' });
    expect(held('all')).toEqual(
      [...eventVersions(), `${first.metadata.uid}/${first.metadata.resourceVersion}`].sort(),
    );
    expect(held('all')).toContain(`${bumped.metadata.uid}/${bumped.metadata.resourceVersion}`);
    expect([...memory.store('warnings').versions.values()].map(e => e.reason).sort()).toEqual([
      'BackOff',
      'Failed',
    ]);
    // The flaky sink failed twice and caught up through retries.
    await waitFor(() => held('flaky').length === 4, { description: 'flaky sink caught up' });
    expect((await get(eventer, '/healthz')).status).toBe(200);
    const metrics = (await get(eventer, '/metrics')).text;
    expect(metrics).toMatch(/eventer_events_exported_total\{exporter="memory\(all\)"\} 4/);
    expect(metrics).toMatch(/eventer_export_retries_total\{exporter="memory\(flaky\)"\} 2/);
    expect(metrics).toMatch(/process_resident_memory_bytes/);
    await eventer.stop(5_000);
    const checkpoint = JSON.parse(await readFile(join(dir.path, 'checkpoint.json'), 'utf8'));
    const latest = String(
      Math.max(...sim.store.list('Event').map(e => Number(e.metadata.resourceVersion))),
    );
    expect(checkpoint.sinks['memory:all'].resourceVersion).toBe(latest);
  });

  it('should resume from the checkpoint after a restart without exporting anything twice', async () => {
    const before = deliveries('all');
    const [old] = sim.store.list('Event', 'a');
    writer.bump(old!);
    writer.create('c');
    const eventer = await launch();
    await waitFor(() => deliveries('all') === before + 2, { description: 'two new versions' });
    await eventer.stop(5_000);
    expect(deliveries('all')).toBe(held('all').length);
  });

  it('should relist after a 410 and export only what the checkpoint does not cover', async () => {
    const before = deliveries('all');
    writer.create('d');
    // History before now is gone: the watch from the checkpoint gets 410 Gone.
    sim.faults.api.setExpireWatchesOlderThan(sim.store.resourceVersion);
    const eventer = await launch();
    await waitFor(() => deliveries('all') === before + 1, { description: 'the new event' });
    const metrics = (await get(eventer, '/metrics')).text;
    expect(metrics).toMatch(/eventer_relists_total 1/);
    expect(metrics).toMatch(
      /eventer_events_skipped_total\{exporter="memory\(all\)",reason="checkpoint"\} [1-9]/,
    );
    await eventer.stop(5_000);
    sim.faults.api.setExpireWatchesOlderThan(undefined);
    expect(deliveries('all')).toBe(held('all').length);
  });

  it('should ignore a checkpoint from another history and list everything again', async () => {
    const path = join(dir.path, 'checkpoint.json');
    const future = { resourceVersion: '999999999', updatedAt: 'x' };
    await writeFile(
      path,
      JSON.stringify({ version: 1, savedAt: 'x', sinks: { 'memory:all': future } }),
    );
    const before = deliveries('all');
    const eventer = await launch();
    const current = sim.store.list('Event').length;
    await waitFor(() => deliveries('all') >= before + current, { description: 'a full relist' });
    await eventer.stop(5_000);
  });
});
