import {
  DataBatch,
  LabelSetTable,
  StringTable,
  type LabelCatalogue,
  type MetricCatalogue,
} from '@heapster/model';
import type { RateCalculator } from '@heapster/processors';
import type { Clock, Logger } from '@heapster/runtime';
import type { MetricSinkManager } from '@heapster/sink';
import {
  resolveKubeletTargets,
  type KubeletNode,
  type MetricsScraper,
  type ScrapeReport,
  type TargetResolutionOptions,
} from '@heapster/source-kubelet';
import type { RecentStore } from '@heapster/store-memory';
import { Gauge, Histogram, type Registry } from 'prom-client';

/** What the pipeline needs from the processor chain. */
export interface BatchProcessor {
  process(batch: DataBatch): unknown;
  /** The same, giving the event loop turns between steps (used when present). */
  processYielding?(batch: DataBatch): Promise<unknown>;
}

export interface CorePipelineOptions {
  /** The nodes to scrape (the node informer). */
  readonly nodes: () => Iterable<KubeletNode>;
  readonly targets: TargetResolutionOptions;
  readonly scraper: MetricsScraper;
  readonly processors: BatchProcessor;
  readonly rateCalculator: Pick<RateCalculator, 'windowOf'>;
  /** Absent with --disable_metric_sink. */
  readonly store?: RecentStore;
  readonly sinks: MetricSinkManager;
  readonly metrics: MetricCatalogue;
  readonly labels: LabelCatalogue;
  readonly resolutionMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly registry: Registry;
  /** Batches after which the shared string table starts afresh (bounds strings of churned pods). */
  readonly stringTableBatches?: number;
}

/** The outcome of one housekeeping run, for logs and tests. */
export interface RunResult {
  readonly batch: DataBatch;
  readonly report: ScrapeReport;
  /** ms from the start of the run until the batch was in the store (scrape-to-store latency). */
  readonly latencyMs: number;
}

/**
 * One housekeeping run, Heapster's flow: resolve scrape targets from the node informer,
 * scrape every kubelet into a fresh batch (partial results), run the processors in order,
 * publish the batch to the recent store, hand it to the sinks (without waiting for them).
 */
export class CorePipeline {
  private readonly _options: CorePipelineOptions;
  private _strings = new StringTable();
  private _labelSets = new LabelSetTable(this._strings);
  private _batchesOnStrings = 0;
  private readonly _latency: Histogram;
  private readonly _lastBatch: Gauge;
  private readonly _lastRun: Gauge<'stage'>;
  private readonly _lastBatchSize: Gauge<'what'>;
  private _last: RunResult | undefined;

  constructor(options: CorePipelineOptions) {
    this._options = options;
    this._latency = new Histogram({
      name: 'heapster_scrape_to_store_seconds',
      help: 'Time from the start of a housekeeping run until its batch is visible in the store.',
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
      registers: [options.registry],
    });
    this._lastBatch = new Gauge({
      name: 'heapster_last_batch_timestamp_seconds',
      help: 'Timestamp (window end) of the newest batch published.',
      registers: [options.registry],
    });
    this._lastRun = new Gauge({
      name: 'heapster_last_run_seconds',
      help: 'Durations of the newest housekeeping run by stage: scrape (all kubelets), store (scrape start until visible in the store).',
      labelNames: ['stage'],
      registers: [options.registry],
    });
    this._lastBatchSize = new Gauge({
      name: 'heapster_last_batch_size',
      help: 'Size of the newest batch: metric sets, values, pods and scraped nodes.',
      labelNames: ['what'],
      registers: [options.registry],
    });
  }

  /** The newest run's result, undefined before the first. */
  get last(): RunResult | undefined {
    return this._last;
  }

  async run(windowEnd: number, signal: AbortSignal): Promise<RunResult> {
    const { clock, logger } = this._options;
    const started = clock.now();
    // Before this batch is allocated: the store lets go of what it will push out anyway, and
    // a batch no sink or response still reads lends it its columns.
    const retired = this._options.store?.retireBefore(windowEnd) ?? [];
    const reuse = retired.find(old => !old.pinned);
    const allocating = performance.now();
    const batch = new DataBatch({
      timestamp: windowEnd,
      strings: this._nextStrings(),
      labelSets: this._labelSets,
      metrics: this._options.metrics,
      labels: this._options.labels,
      // Sized from the previous batch: allocated once, no doubling slack held by the store.
      ...this._last?.batch.capacityForNext(),
      ...(reuse === undefined ? {} : { reuse }),
    });
    const allocatedMs = performance.now() - allocating;
    const { targets, skipped } = resolveKubeletTargets(
      this._options.nodes(),
      this._options.targets,
    );
    const report = await this._options.scraper.scrape(targets, {
      batch,
      resolutionMs: this._options.resolutionMs,
      signal,
      skipped,
    });
    signal.throwIfAborted();
    const processors = this._options.processors;
    if (processors.processYielding === undefined) processors.process(batch);
    else await processors.processYielding(batch);
    const rates = this._options.rateCalculator;
    const storing = performance.now();
    this._options.store?.add(batch, (type, row) => rates.windowOf(type, row, batch));
    const storedMs = performance.now() - storing;
    const latencyMs = clock.now() - started;
    this._latency.observe(latencyMs / 1000);
    this._lastBatch.set(windowEnd / 1000);
    this._lastRun.set({ stage: 'scrape' }, report.durationMs / 1000);
    this._lastRun.set({ stage: 'store' }, latencyMs / 1000);
    this._lastBatchSize.set({ what: 'metric_sets' }, batch.entityCount());
    this._lastBatchSize.set({ what: 'values' }, batch.valueCount());
    this._lastBatchSize.set({ what: 'pods' }, report.pods);
    this._lastBatchSize.set({ what: 'nodes' }, report.scraped.length);
    const exporting = performance.now();
    this._options.sinks.export(batch);
    const exportMs = performance.now() - exporting;
    // The steps that run as one block of the event loop, for finding API latency at scale.
    logger.debug('batch published', {
      allocatedMs: Math.round(allocatedMs),
      storedMs: Math.round(storedMs),
      exportMs: Math.round(exportMs),
      windowEnd,
      nodes: report.scraped.length,
      failed: report.failed.length,
      skipped: report.skipped.length,
      pods: report.pods,
      latencyMs,
    });
    this._last = { batch, report, latencyMs };
    return this._last;
  }

  /**
   * Consecutive batches share a string table and a label-set table, so processors and the store
   * compare names as integers and a volume's label set exists once, not once per held batch; a
   * fresh pair every N batches keeps names of long-gone pods from piling up.
   */
  private _nextStrings(): StringTable {
    const limit = this._options.stringTableBatches ?? 240;
    if (++this._batchesOnStrings > limit) {
      this._strings = new StringTable();
      this._labelSets = new LabelSetTable(this._strings);
      this._batchesOnStrings = 1;
    }
    return this._strings;
  }
}
