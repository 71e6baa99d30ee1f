import { describe, expect, it } from '@jest/globals';
import { EntityType, LabelId, MetricId, type DataBatch } from '@heapster/model';
import { createMemoryLogger } from '@heapster/runtime';
import { LabelCopier } from './label-copier.js';
import { PodEnricher } from './pod-enricher.js';
import {
  addRow,
  BatchFactory,
  container,
  hostLabels,
  labelOf,
  pod,
  podSource,
  valueOf,
} from './testing/batch-fixtures.js';

const C = EntityType.PodContainer;
const P = EntityType.Pod;
const WEB_POD = { namespace: 'shop', pod: 'web' };
const NGINX = { ...WEB_POD, container: 'nginx' };
const SIDECAR = { ...WEB_POD, container: 'sidecar' };

const WEB_SPEC = pod({
  uid: 'uid-web',
  nodeName: 'node-1',
  labels: { app: 'web' },
  startTime: 5_000,
  containers: [
    container('nginx', {
      image: 'nginx:1.25',
      requests: { cpuMillis: 250, memoryBytes: 64 * 2 ** 20, extended: { 'nvidia.com/gpu': 1 } },
      limits: { cpuMillis: 500 },
      restartCount: 3,
    }),
    container('sidecar', { image: 'envoy:1.30', limits: { memoryBytes: 128e6 }, restartCount: 7 }),
  ],
});

function enricher(pods = podSource({ 'shop/web': WEB_SPEC })): PodEnricher {
  return new PodEnricher({ pods, labelCopier: new LabelCopier() });
}

describe('PodEnricher', () => {
  it('should add pod_id, create time and labels to pod rows', () => {
    const batch = new BatchFactory().batch(60_000);
    addRow(batch, P, { ...WEB_POD, node: 'node-1', start: 4_000 });
    addRow(batch, C, { ...NGINX, node: 'node-1' });
    addRow(batch, C, { ...SIDECAR, node: 'node-1' });
    enricher().process(batch);
    expect(labelOf(batch, P, WEB_POD, LabelId.PodId)).toBe('uid-web');
    expect(labelOf(batch, P, WEB_POD, LabelId.Labels)).toBe('app:web');
    expect(batch.table(P).createTime(0)).toBe(5_000);
  });

  it('should add requests, limits (zero-filled), extended requests, image and restarts to containers', () => {
    const factory = new BatchFactory();
    const batch = factory.batch(60_000);
    addRow(batch, P, { ...WEB_POD, node: 'node-1' });
    addRow(batch, C, {
      ...NGINX,
      node: 'node-1',
      labels: { [LabelId.ContainerBaseImage]: 'nginx@sha256:abc' },
    });
    addRow(batch, C, { ...SIDECAR, node: 'node-1' });
    enricher().process(batch);
    const nginx = (metricId: number): number => valueOf(batch, C, NGINX, metricId);
    expect(nginx(MetricId.CpuRequest)).toBe(250);
    expect(nginx(MetricId.CpuLimit)).toBe(500);
    expect(nginx(MetricId.MemoryRequest)).toBe(64 * 2 ** 20);
    expect(nginx(MetricId.MemoryLimit)).toBe(0);
    expect(nginx(MetricId.EphemeralStorageRequest)).toBe(0);
    expect(nginx(MetricId.EphemeralStorageLimit)).toBe(0);
    expect(nginx(MetricId.RestartCount)).toBe(3);
    expect(nginx(factory.metrics.get('nvidia.com/gpu/request').id)).toBe(1);
    // The source's image wins; the spec's fills a gap.
    expect(labelOf(batch, C, NGINX, LabelId.ContainerBaseImage)).toBe('nginx@sha256:abc');
    expect(labelOf(batch, C, SIDECAR, LabelId.ContainerBaseImage)).toBe('envoy:1.30');
    expect(labelOf(batch, C, SIDECAR, LabelId.PodId)).toBe('uid-web');
    expect(labelOf(batch, C, SIDECAR, LabelId.Labels)).toBe('app:web');
    expect(valueOf(batch, C, SIDECAR, MetricId.MemoryLimit)).toBe(128e6);
    expect(valueOf(batch, C, SIDECAR, MetricId.CpuRequest)).toBe(0);
  });

  it('should create stub rows for spec containers without data', () => {
    const batch = new BatchFactory().batch(60_000);
    addRow(batch, P, { ...WEB_POD, node: 'node-1', labels: hostLabels('node-1') });
    addRow(batch, C, { ...NGINX, node: 'node-1', values: { [MetricId.MemoryUsage]: 10 } });
    enricher().process(batch);
    const containers = batch.table(C);
    expect(containers.size).toBe(2);
    const stub = containers.rowOf(SIDECAR);
    expect(stub).toBe(1);
    expect(containers.identity(stub, 'node')).toBe('node-1');
    expect(containers.label(stub, LabelId.Hostname)).toBe('node-1.example');
    expect(containers.label(stub, LabelId.HostId)).toBe('id-node-1');
    expect(containers.label(stub, LabelId.ContainerBaseImage)).toBe('envoy:1.30');
    expect(containers.createTime(stub)).toBe(5_000);
    expect(containers.value(stub, MetricId.MemoryLimit)).toBe(128e6);
    expect(containers.value(stub, MetricId.CpuRequest)).toBe(0);
    // Beyond Heapster: a container with no stats still reports its restarts.
    expect(containers.value(stub, MetricId.RestartCount)).toBe(7);
    expect(containers.value(stub, MetricId.MemoryUsage)).toBeNaN();
  });

  it('should create a stub pod row for a container whose pod row is missing', () => {
    const batch = new BatchFactory().batch(60_000);
    addRow(batch, C, { ...NGINX, node: 'node-1', labels: hostLabels('node-1') });
    enricher().process(batch);
    const pods = batch.table(P);
    expect(pods.size).toBe(1);
    expect(pods.identity(0, 'node')).toBe('node-1');
    expect(pods.label(0, LabelId.Hostname)).toBe('node-1.example');
    expect(pods.label(0, LabelId.PodId)).toBe('uid-web');
    expect(pods.createTime(0)).toBe(5_000);
    // The stub pod got the missing sidecar as a stub container, once.
    expect(batch.table(C).size).toBe(2);
    expect(valueOf(batch, C, SIDECAR, MetricId.MemoryLimit)).toBe(128e6);
    expect(valueOf(batch, C, NGINX, MetricId.CpuRequest)).toBe(250);
  });

  it('should fill in the node of a pod row from the spec', () => {
    const batch = new BatchFactory().batch(60_000);
    addRow(batch, P, WEB_POD);
    enricher().process(batch);
    expect(batch.table(P).identity(0, 'node')).toBe('node-1');
  });

  it('should leave pods the source does not know unenriched', () => {
    const batch = new BatchFactory().batch(60_000);
    addRow(batch, P, { namespace: 'shop', pod: 'gone', node: 'node-1' });
    addRow(batch, C, { namespace: 'shop', pod: 'gone', container: 'c', node: 'node-1' });
    addRow(batch, C, { namespace: 'shop', pod: 'orphan', container: 'c', node: 'node-1' });
    enricher().process(batch);
    expect(batch.table(P).size).toBe(1);
    expect(batch.table(C).size).toBe(2);
    expect(batch.table(P).labelIds()).toEqual([]);
    expect(batch.table(C).metricIds()).toEqual([]);
  });

  it('should log a refused extended resource once and record the others', () => {
    const logger = createMemoryLogger();
    const spec = pod({
      containers: [
        container('c', { requests: { extended: { 'bad/name/x': 1, 'example.com/fpga': 2 } } }),
      ],
    });
    const factory = new BatchFactory();
    const processor = new PodEnricher({
      pods: podSource({ 'a/p': spec }),
      labelCopier: new LabelCopier(),
      logger,
    });
    for (const timestamp of [0, 1]) {
      const batch = factory.batch(timestamp);
      addRow(batch, C, { namespace: 'a', pod: 'p', container: 'c', node: 'node-1' });
      processor.process(batch);
      expect(
        valueOf(
          batch,
          C,
          { namespace: 'a', pod: 'p', container: 'c' },
          factory.metrics.get('example.com/fpga/request').id,
        ),
      ).toBe(2);
    }
    expect(logger.lines.filter(line => line.fields.resource === 'bad/name/x')).toHaveLength(1);
  });

  it('should write the right ids when the string table or the uid changes between batches', () => {
    // The enricher remembers the labels' and images' ids from one batch to the next; a batch on
    // another table (ids shifted) and a summary still reporting the old pod's uid must not fool it.
    const enrich = enricher();
    for (const shift of [0, 3, 7]) {
      const factory = new BatchFactory();
      for (let i = 0; i < shift; i++) factory.strings.intern(`filler-${i}`);
      const batch = factory.batch(60_000 * (shift + 1));
      addRow(batch, P, { ...WEB_POD, node: 'node-1', labels: { [LabelId.PodId]: 'uid-old' } });
      addRow(batch, C, { ...NGINX, node: 'node-1', labels: { [LabelId.PodId]: 'uid-web' } });
      enrich.process(batch);
      expect(labelOf(batch, P, WEB_POD, LabelId.PodId)).toBe('uid-web');
      expect(labelOf(batch, P, WEB_POD, LabelId.Labels)).toBe('app:web');
      expect(labelOf(batch, C, NGINX, LabelId.Labels)).toBe('app:web');
      expect(labelOf(batch, C, NGINX, LabelId.ContainerBaseImage)).toBe('nginx:1.25');
      expect(labelOf(batch, C, SIDECAR, LabelId.ContainerBaseImage)).toBe('envoy:1.30');
    }
  });

  it('should match containers to the pod of their own namespace', () => {
    const batch = new BatchFactory().batch(60_000);
    const other = pod({ uid: 'uid-other', containers: [container('nginx'), container('extra')] });
    addRow(batch, P, { ...WEB_POD, node: 'node-1' });
    addRow(batch, P, { namespace: 'other', pod: 'web', node: 'node-1' });
    addRow(batch, C, { ...NGINX, node: 'node-1' });
    addRow(batch, C, { namespace: 'other', pod: 'web', container: 'nginx', node: 'node-1' });
    enricher(podSource({ 'shop/web': WEB_SPEC, 'other/web': other })).process(batch);
    expect(
      labelOf(batch, C, { namespace: 'other', pod: 'web', container: 'nginx' }, LabelId.PodId),
    ).toBe('uid-other');
    expect(labelOf(batch, C, NGINX, LabelId.PodId)).toBe('uid-web');
    // Stubs: shop/web's sidecar and other/web's extra, nothing else.
    expect(batch.table(C).size).toBe(4);
    expect(
      batch.table(C).rowOf({ namespace: 'other', pod: 'web', container: 'extra' }),
    ).toBeGreaterThan(0);
    expect(batch.table(C).rowOf(SIDECAR)).toBeGreaterThan(0);
  });

  it('should enrich in slices exactly as in one go, pausing as it goes', async () => {
    // 3,000 pods: every fifth without its pod row (a stub pod), every seventh spec with a
    // container that reported nothing (a stub container).
    const specs: Record<string, ReturnType<typeof pod>> = {};
    const build = (): DataBatch => {
      const batch = new BatchFactory().batch(60_000);
      for (let i = 0; i < 3_000; i++) {
        const ids = { namespace: `ns${i % 7}`, pod: `p${i}` };
        if (i % 5 !== 0) addRow(batch, P, { ...ids, node: 'node-1' });
        addRow(batch, C, { ...ids, container: 'app', node: 'node-1' });
      }
      return batch;
    };
    for (let i = 0; i < 3_000; i++) {
      const names = i % 7 === 0 ? ['app', 'idle'] : ['app'];
      specs[`ns${i % 7}/p${i}`] = pod({
        uid: `uid-${i}`,
        labels: { app: `a${i % 3}` },
        containers: names.map(name => container(name, { restartCount: i % 4 })),
      });
    }
    const whole = build();
    enricher(podSource(specs)).process(whole);
    const sliced = build();
    let turns = 0;
    await enricher(podSource(specs)).processInSlices(sliced, async () => {
      turns++;
      await new Promise(resolve => setImmediate(resolve));
    });
    expect(turns).toBeGreaterThan(3);
    expect(rows(sliced)).toEqual(rows(whole));
    expect(rows(whole).length).toBeGreaterThan(6_000);
  });
});

/** Every row of the pod and container tables with its labels and values, for comparison. */
function rows(batch: DataBatch): string[] {
  const out: string[] = [];
  for (const type of [P, C]) {
    const table = batch.table(type);
    for (let row = 0; row < table.size; row++) {
      const labels = table.labelIds().map(id => `${id}=${table.label(row, id)}`);
      const values = table.metricIds().map(id => `${id}=${table.value(row, id)}`);
      out.push(
        `${table.key(row)} ${table.createTime(row)} ${labels.join(',')} ${values.join(',')}`,
      );
    }
  }
  return out;
}
