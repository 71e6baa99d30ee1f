import { describe, expect, it } from '@jest/globals';
import { EntityType, MetricId, type DataBatch } from '@heapster/model';
import { RateCalculator } from './rate-calculator.js';
import { addRow, BatchFactory } from './testing/batch-fixtures.js';

const C = EntityType.PodContainer;
const WEB = { namespace: 'default', pod: 'web', container: 'nginx', node: 'node-1' };

/** One container row with cpu/usage (ns) and page faults, sampled at `scrape`. */
function containerBatch(
  factory: BatchFactory,
  scrape: number,
  cpuNs: number,
  options: { start?: number; provisional?: number; faults?: number } = {},
): DataBatch {
  const batch = factory.batch(scrape);
  const values: Record<number, number> = { [MetricId.CpuUsage]: cpuNs };
  if (options.provisional !== undefined) values[MetricId.CpuUsageRate] = options.provisional;
  if (options.faults !== undefined) values[MetricId.MemoryPageFaults] = options.faults;
  addRow(batch, C, { ...WEB, start: options.start ?? 0, scrape, values });
  return batch;
}

function rate(batch: DataBatch, metricId: number = MetricId.CpuUsageRate): number {
  return batch.table(C).value(0, metricId);
}

describe('RateCalculator', () => {
  it('should write cpu/usage_rate in millicores from two samples, as a float', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    const first = containerBatch(factory, 60_000, 1e9, { faults: 100 });
    rates.process(first);
    expect(rate(first)).toBeNaN();
    expect(rates.windowOf(C, 0)).toBeNaN();

    const second = containerBatch(factory, 75_000, 4e9 + 1, { faults: 130 });
    rates.process(second);
    // 3e9 ns + 1 over 15 s: 200 millicores and a fraction Heapster's integer division lost.
    expect(rate(second)).toBeCloseTo(200.0000000667, 10);
    expect(rate(second)).toBeGreaterThan(200);
    expect(rate(second, MetricId.MemoryPageFaultsRate)).toBe(2);
    expect(rates.windowOf(C, 0)).toBe(15_000);
    expect(rates.windowOf(C, 0, first)).toBeNaN();
    expect(rates.stats).toMatchObject({ computed: 2, firstSeen: 0 });
  });

  it('should write per-second network rates on pods', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    const pod = { namespace: 'default', pod: 'web', node: 'node-1' };
    const sample = (scrape: number, rx: number, tx: number): DataBatch => {
      const batch = factory.batch(scrape);
      addRow(batch, EntityType.Pod, {
        ...pod,
        start: 0,
        scrape,
        values: { [MetricId.NetworkRx]: rx, [MetricId.NetworkTx]: tx },
      });
      return batch;
    };
    rates.process(sample(10_000, 1_000, 0));
    const second = sample(40_000, 31_000, 300);
    rates.process(second);
    expect(second.table(EntityType.Pod).value(0, MetricId.NetworkRxRate)).toBe(1_000);
    expect(second.table(EntityType.Pod).value(0, MetricId.NetworkTxRate)).toBe(10);
  });

  it('should write no rate across a restart, then rate from the new baseline', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    rates.process(containerBatch(factory, 60_000, 50e9, { start: 0 }));
    const restarted = containerBatch(factory, 75_000, 1e9, { start: 70_000 });
    rates.process(restarted);
    expect(rate(restarted)).toBeNaN();
    expect(rates.stats.restarted).toBe(1);
    const after = containerBatch(factory, 90_000, 4e9, { start: 70_000 });
    rates.process(after);
    expect(rate(after)).toBe(200);
  });

  it('should skip a counter reset instead of writing a negative rate', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    rates.process(containerBatch(factory, 60_000, 50e9));
    const reset = containerBatch(factory, 75_000, 2e9);
    rates.process(reset);
    expect(rate(reset)).toBeNaN();
    expect(rates.stats.counterResets).toBe(1);
    expect(rates.windowOf(C, 0)).toBeNaN();
    const after = containerBatch(factory, 90_000, 5e9);
    rates.process(after);
    expect(rate(after)).toBe(200);
  });

  it('should keep the provisional usageNanoCores rate where no rate can be computed', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    const first = containerBatch(factory, 60_000, 50e9, { provisional: 123.4 });
    rates.process(first);
    expect(rate(first)).toBe(123.4);
    const reset = containerBatch(factory, 75_000, 1e9, { provisional: 98.7 });
    rates.process(reset);
    expect(rate(reset)).toBe(98.7);
    const computed = containerBatch(factory, 90_000, 4e9, { provisional: 98.7 });
    rates.process(computed);
    expect(rate(computed)).toBe(200);
  });

  it('should drop a negative or absurd provisional rate', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    const batch = factory.batch(60_000);
    const provisional = (container: string, value: number): number =>
      addRow(batch, C, {
        ...WEB,
        container,
        start: 0,
        scrape: 60_000,
        values: { [MetricId.CpuUsageRate]: value },
      });
    const negative = provisional('negative', -5);
    const wrapped = provisional('wrapped', 1.8e19);
    const fine = provisional('fine', 250.5);
    rates.process(batch);
    const table = batch.table(C);
    expect(table.value(negative, MetricId.CpuUsageRate)).toBeNaN();
    expect(table.value(wrapped, MetricId.CpuUsageRate)).toBeNaN();
    expect(table.value(fine, MetricId.CpuUsageRate)).toBe(250.5);
    expect(rates.stats.provisionalDropped).toBe(2);
  });

  it('should skip an absurd rate (more than a million cores)', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    rates.process(containerBatch(factory, 60_000, 0));
    // 2^64 ns in 15 s: what a wrapped unsigned counter looks like.
    const wrapped = containerBatch(factory, 75_000, 2 ** 64);
    rates.process(wrapped);
    expect(rate(wrapped)).toBeNaN();
    expect(rates.stats.absurd).toBe(1);
  });

  it('should keep the older sample when the scrape time is not later', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    rates.process(containerBatch(factory, 60_000, 1e9));
    const same = containerBatch(factory, 60_000, 2e9);
    rates.process(same);
    expect(rate(same)).toBeNaN();
    expect(rates.stats.notLater).toBe(1);
    const later = containerBatch(factory, 90_000, 7e9);
    rates.process(later);
    expect(rate(later)).toBe(200);
    expect(rates.windowOf(C, 0)).toBe(30_000);
  });

  it('should rate over the real window after one missed scrape and forget series after two', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    rates.process(containerBatch(factory, 60_000, 1e9));
    rates.process(factory.batch(75_000));
    expect(rates.seriesCount).toBe(1);
    const back = containerBatch(factory, 90_000, 7e9);
    rates.process(back);
    expect(rate(back)).toBe(200);
    expect(rates.windowOf(C, 0)).toBe(30_000);

    rates.process(factory.batch(105_000));
    rates.process(factory.batch(120_000));
    expect(rates.seriesCount).toBe(0);
    expect(rates.stats.forgotten).toBe(1);
    const reborn = containerBatch(factory, 135_000, 9e9);
    rates.process(reborn);
    expect(rate(reborn)).toBeNaN();
    expect(rates.stats.firstSeen).toBe(1);
  });

  it('should match labeled disk counters by label set', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    const sample = (scrape: number, sda: number, sdb: number): DataBatch => {
      const batch = factory.batch(scrape);
      const row = addRow(batch, EntityType.Node, { node: 'node-1', start: 0, scrape });
      const sdbSet = batch.labelSets.internPair('resource_id', 'sdb');
      batch.labeled.add(EntityType.Node, row, MetricId.DiskIoReadBytes, sdbSet, sdb);
      const sdaSet = batch.labelSets.internPair('resource_id', 'sda');
      batch.labeled.add(EntityType.Node, row, MetricId.DiskIoReadBytes, sdaSet, sda);
      return batch;
    };
    rates.process(sample(0, 1_000, 5_000));
    const second = sample(10_000, 11_000, 4_000);
    rates.process(second);
    const written: [string | undefined, number][] = [];
    second.labeled.forEach((_type, _row, metricId, labelSetId, value) => {
      if (metricId === MetricId.DiskIoReadBytesRate)
        written.push([second.labelSets.valueOf(labelSetId, 'resource_id'), value]);
    });
    // sda: 10,000 bytes in 10 s; sdb went down (reset): no rate.
    expect(written).toEqual([['sda', 1_000]]);
    expect(rates.stats.counterResets).toBe(1);
  });

  it('should compute rates when every batch brings its own string table', () => {
    const rates = new RateCalculator();
    const sample = (scrape: number, cpuNs: number, order: readonly string[]): DataBatch => {
      const batch = new BatchFactory().batch(scrape);
      batch.strings.intern(`noise-${scrape}`);
      for (const container of order)
        addRow(batch, C, {
          ...WEB,
          container,
          start: 0,
          scrape,
          values: { [MetricId.CpuUsage]: cpuNs },
        });
      return batch;
    };
    rates.process(sample(60_000, 1e9, ['a', 'b', 'gone']));
    const second = sample(75_000, 4e9, ['b', 'a']);
    rates.process(second);
    expect(second.table(C).value(0, MetricId.CpuUsageRate)).toBe(200);
    expect(second.table(C).value(1, MetricId.CpuUsageRate)).toBe(200);
    expect(rates.stats.forgotten).toBe(1);
    expect(rates.seriesCount).toBe(2);
  });

  it('should tell apart pods with one name in two namespaces', () => {
    const factory = new BatchFactory();
    const rates = new RateCalculator();
    const sample = (scrape: number, a: number, b: number): DataBatch => {
      const batch = factory.batch(scrape);
      for (const [namespace, cpuNs] of [
        ['a', a],
        ['b', b],
      ] as const)
        addRow(batch, EntityType.Pod, {
          namespace,
          pod: 'web-0',
          start: 0,
          scrape,
          values: { [MetricId.CpuUsage]: cpuNs },
        });
      return batch;
    };
    rates.process(sample(0, 0, 1e9));
    const second = sample(10_000, 1e9, 11e9);
    rates.process(second);
    expect(second.table(EntityType.Pod).value(0, MetricId.CpuUsageRate)).toBe(100);
    expect(second.table(EntityType.Pod).value(1, MetricId.CpuUsageRate)).toBe(1_000);
  });

  it('should refuse bad options, naming them', () => {
    expect(() => new RateCalculator({ retainMissingBatches: -1 })).toThrow('retainMissingBatches');
    expect(() => new RateCalculator({ maxRatePerSecond: 0 })).toThrow('maxRatePerSecond');
  });
});
