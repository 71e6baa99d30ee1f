import type { DataBatch } from '@heapster/model';
import {
  noopLogger,
  sleep,
  systemClock,
  withTimeout,
  type Clock,
  type Logger,
} from '@heapster/runtime';
import { Registry } from 'prom-client';
import type { KubeletClient, KubeletEndpoint } from '../client/kubelet-client.js';
import {
  classifyScrapeError,
  ScrapeAbortedError,
  type ScrapeFailureClass,
} from '../client/kubelet-errors.js';
import { decodeResourceMetrics } from '../resource/decode-resource-metrics.js';
import type { SummaryReadWorkers } from '../read-worker/summary-read-workers.js';
import type { SummaryTape } from '../read-worker/summary-tape.js';
import { decodeSummary, decodeSummaryTape } from '../summary/decode-summary.js';
import type { KubeletTarget, SkippedNode } from '../targets/kubelet-target.js';
import { NodeHealth } from './node-health.js';
import { maxStaggerMs, MAX_STAGGER_MS, STAGGER_PER_NODE_MS } from './scrape-timing.js';
import { ScraperMetrics } from './scraper-metrics.js';
import { SliceScheduler } from './slice-scheduler.js';

const DEFAULT_DECODE_SLICE_MS = 10;

export interface KubeletScraperOptions {
  readonly client: KubeletClient;
  /** Per-node deadline for the request and its body; check it with validateKubeletTimeout. */
  readonly timeoutMs: number;
  /** Which kubelet endpoint to read (default summary). */
  readonly endpoint?: KubeletEndpoint;
  /** Requests in flight at once (default 64). */
  readonly concurrency?: number;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Self-metrics go here (default: a private registry). One scraper per registry. */
  readonly registry?: Registry;
  /** Source of the stagger, injectable so tests need not wait (default Math.random). */
  readonly random?: () => number;
  readonly staggerPerNodeMs?: number;
  readonly maxStaggerMs?: number;
  /** Decoding done per turn of the event loop, so that the APIs get theirs (default 10 ms). */
  readonly decodeSliceMs?: number;
  /** Threads that share the reading of Summary bodies with this one (the caller closes them). */
  readonly readWorkers?: SummaryReadWorkers;
}

export interface ScrapeOptions {
  /** Rows of every scraped node are written here. */
  readonly batch: DataBatch;
  readonly resolutionMs: number;
  /** Aborting gives up on the nodes not yet answered (they are reported as aborted). */
  readonly signal?: AbortSignal;
  /** Nodes the target resolution left out, to be reported and counted with this scrape. */
  readonly skipped?: readonly SkippedNode[];
}

export interface ScrapeFailure {
  readonly node: string;
  /** The error message. */
  readonly reason: string;
  readonly class: ScrapeFailureClass;
}

export interface ScrapeReport {
  /** Nodes whose data is in the batch. */
  readonly scraped: readonly string[];
  readonly failed: readonly ScrapeFailure[];
  readonly skipped: readonly SkippedNode[];
  readonly pods: number;
  readonly containers: number;
  readonly durationMs: number;
  /** The longest random delay a request of this scrape was given (see scrape()). */
  readonly staggerMs: number;
}

/** Scrapes kubelets into a batch; the core's source stage. */
export interface MetricsScraper {
  scrape(targets: readonly KubeletTarget[], options: ScrapeOptions): Promise<ScrapeReport>;
}

/**
 * One scrape of every kubelet: bounded concurrency, a random stagger so that a thousand nodes
 * are not asked in the same millisecond, a deadline per node, and partial results — a slow or
 * broken kubelet costs only its own rows, is reported with a classified reason, and is logged
 * once when it starts failing and once when it recovers. Never rejects.
 */
export class KubeletScraper implements MetricsScraper {
  private readonly _client: KubeletClient;
  private readonly _timeoutMs: number;
  private readonly _endpoint: KubeletEndpoint;
  private readonly _concurrency: number;
  private readonly _clock: Clock;
  private readonly _random: () => number;
  private readonly _staggerPerNodeMs: number;
  private readonly _maxStaggerMs: number;
  private readonly _metrics: ScraperMetrics;
  private readonly _health: NodeHealth;
  private readonly _source: string;
  private readonly _slices: SliceScheduler;
  private readonly _readWorkers: SummaryReadWorkers | undefined;

  constructor(options: KubeletScraperOptions) {
    const concurrency = options.concurrency ?? 64;
    if (!(Number.isInteger(concurrency) && concurrency > 0)) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    }
    if (!(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
      throw new RangeError(`timeoutMs must be a positive number, got ${options.timeoutMs}`);
    }
    this._client = options.client;
    this._timeoutMs = options.timeoutMs;
    this._endpoint = options.endpoint ?? 'summary';
    this._concurrency = concurrency;
    this._clock = options.clock ?? systemClock;
    this._random = options.random ?? Math.random;
    this._staggerPerNodeMs = options.staggerPerNodeMs ?? STAGGER_PER_NODE_MS;
    this._maxStaggerMs = options.maxStaggerMs ?? MAX_STAGGER_MS;
    this._metrics = new ScraperMetrics(options.registry ?? new Registry(), this._endpoint);
    this._health = new NodeHealth((options.logger ?? noopLogger).child({ source: 'kubelet' }));
    this._source = `kubelet_${this._endpoint}`;
    this._slices = new SliceScheduler(options.decodeSliceMs ?? DEFAULT_DECODE_SLICE_MS);
    this._readWorkers = options.readWorkers;
  }

  async scrape(targets: readonly KubeletTarget[], options: ScrapeOptions): Promise<ScrapeReport> {
    const started = this._clock.now();
    const skipped: SkippedNode[] = [...(options.skipped ?? [])];
    const ready: KubeletTarget[] = [];
    for (const target of targets) {
      if (target.ready) ready.push(target);
      else
        skipped.push({
          node: target.nodeName,
          reason: 'not_ready',
          detail: 'the Ready condition is not True',
        });
    }
    const round = new Round();
    // Heapster's and metrics-server's stagger (8 ms a node, ≤ 4 s) spreads one goroutine per
    // node. Here at most `concurrency` requests are in flight and the rest wait for a free slot,
    // which paces them already: only the first wave needs spreading. Spreading all 1,000 nodes
    // of a cluster held the scrape open 1.5 s at a 15 s resolution without easing anyone.
    const stagger = maxStaggerMs(
      Math.min(ready.length, this._concurrency),
      options.resolutionMs,
      this._staggerPerNodeMs,
      this._maxStaggerMs,
    );
    // Ordered by start offset, so a worker that waits for its node's turn holds no one up.
    const plan = ready
      .map(target => ({ target, offset: this._random() * stagger }))
      .sort((a, b) => a.offset - b.offset);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < plan.length) {
        const item = plan[next++] as { target: KubeletTarget; offset: number };
        await this._scrapeNode(item.target, started + item.offset, options, round);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this._concurrency, plan.length) }, worker));

    const durationMs = this._clock.now() - started;
    this._record(round, skipped, durationMs);
    return {
      scraped: round.scraped,
      failed: round.failed,
      skipped,
      pods: round.pods,
      containers: round.containers,
      durationMs,
      staggerMs: stagger,
    };
  }

  private async _scrapeNode(
    target: KubeletTarget,
    notBefore: number,
    options: ScrapeOptions,
    round: Round,
  ): Promise<void> {
    const node = target.nodeName;
    try {
      const wait = notBefore - this._clock.now();
      if (wait > 0) await sleep(wait, options.signal);
      if (options.signal?.aborted === true) throw new ScrapeAbortedError(`kubelet ${node}`);
      const requested = this._clock.now();
      const body = await withTimeout(
        `kubelet ${node}`,
        this._timeoutMs,
        signal => this._client.get(target, this._endpoint, signal),
        options.signal,
      );
      this._metrics.requestDuration.observe({ node }, this._clock.now() - requested);
      const context = {
        nodeName: node,
        hostname: target.hostname,
        hostId: target.hostId,
        scrapeStartMs: requested,
      };
      let tape: SummaryTape | undefined;
      try {
        // A worker with room reads the body meanwhile; the writing stays on this thread.
        const reading =
          this._endpoint === 'summary' && body instanceof Uint8Array
            ? this._readWorkers?.tryRead(body)
            : undefined;
        // Awaited only when a worker took it: no extra turn per body without workers.
        if (reading !== undefined) tape = await reading;
        const result = await this._slices.run(() =>
          this._endpoint !== 'summary'
            ? decodeResourceMetrics(body, options.batch, context)
            : tape !== undefined
              ? decodeSummaryTape(tape, body as Uint8Array, options.batch, context)
              : decodeSummary(body, options.batch, context),
        );
        round.ok(node, result.pods, result.containers);
      } finally {
        if (tape !== undefined) this._readWorkers?.release(tape);
        this._client.recycle?.(body);
      }
    } catch (error) {
      const aborted = options.signal?.aborted === true;
      round.failed.push({
        node,
        reason: error instanceof Error ? error.message : String(error),
        class: aborted ? 'aborted' : classifyScrapeError(error),
      });
    }
  }

  private _record(round: Round, skipped: readonly SkippedNode[], durationMs: number): void {
    const now = this._clock.now();
    const { counts, gone } = this._health.record(round.scraped, round.failed, skipped, now);
    for (const node of gone) this._metrics.requestDuration.remove({ node });
    for (const failure of round.failed) this._metrics.failures.inc({ reason: failure.class });
    for (const skip of skipped) this._metrics.skipped.inc({ reason: skip.reason });
    this._metrics.nodes.set({ state: 'ok' }, counts.ok);
    this._metrics.nodes.set({ state: 'failing' }, counts.failing);
    this._metrics.nodes.set({ state: 'skipped' }, counts.skipped);
    this._metrics.scrapeDuration.observe({ source: this._source }, durationMs);
    this._metrics.lastScrape.set({ source: this._source }, now / 1000);
  }
}

/** What one scrape collected so far. */
class Round {
  readonly scraped: string[] = [];
  readonly failed: ScrapeFailure[] = [];
  pods = 0;
  containers = 0;

  ok(node: string, pods: number, containers: number): void {
    this.scraped.push(node);
    this.pods += pods;
    this.containers += containers;
  }
}
