import { ConfigError, type FieldProblem } from '@heapster/runtime';
import type { LatestBatch, MetricStore } from '@heapster/store-memory';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  COMPRESS_MIN_BYTES,
  GZIP_LEVEL,
  gzipOffThread,
} from '../compression/response-compression.js';
import { NO_LABELS, type NodeDirectory, type PodDirectory } from './directories.js';
import { ListRendition, type RenditionStats } from './list-rendition.js';
import type { MetricsVersion } from './metrics-json.js';
import { MetricsLists, type LabelSource } from './metrics-lists.js';
import {
  renderNodeList,
  renderPodList,
  type RenderedList,
  type RenderSlicing,
} from './rendered-list.js';
import { SnapshotBuild } from './snapshot-build.js';

export interface MetricsResponseCacheOptions {
  /** The recent store; only `latest()` is read. */
  readonly store: Pick<MetricStore, 'latest'>;
  /** The `window` of rows whose real rate interval is unknown, ms. */
  readonly resolutionMs: number;
  /** Node labels (metadata, labelSelector). */
  readonly nodes?: NodeDirectory;
  /** Pod labels (metadata, labelSelector). */
  readonly pods?: PodDirectory;
  /** Wall clock, epoch ms. Default Date.now. */
  readonly now?: () => number;
  /**
   * `prepare()` renders a batch's unfiltered list ahead of requests only when that list was
   * requested within this many ms. Default 10 × resolutionMs; 0 never renders ahead.
   */
  readonly prerenderWindowMs?: number;
  /** Longest stretch of list rendering between two yields to the event loop, ms. Default 5. */
  readonly sliceMs?: number;
  /** How rendering yields to the event loop. Default: to the next turn (setImmediate). */
  readonly yieldToLoop?: () => Promise<void>;
  /**
   * zlib level of the gzipped form of each unfiltered list (1–9), compressed once per batch
   * on the thread pool; 0 keeps no gzipped form. Default 1 (see GZIP_LEVEL).
   */
  readonly gzipLevel?: number;
}

/** What the cache holds and served, per unfiltered list. */
export interface ListCacheStats extends RenditionStats {
  /** Responses given the gzipped list so far. */
  readonly gzipResponses: number;
}

/** What the cache holds, per unfiltered list. */
export interface MetricsResponseCacheStats {
  readonly pods: ListCacheStats;
  readonly nodes: ListCacheStats;
}

/**
 * The metrics.k8s.io responses of the newest batch. The batch is indexed once
 * (`UsageSnapshot`); unfiltered lists — all pods (`kubectl top pods -A`, 36 MB at 100,000
 * pods) and all nodes — are rendered once into bytes (`RenderedList`) and served as such until
 * the next batch, namespaced unfiltered lists are cut from them when they are ready, and
 * everything else (selectors, gets, Tables) is rendered per request.
 *
 * Call `prepare()` whenever the store takes a batch, so lists in demand are rendered right
 * then, in slices that yield to the event loop, instead of by the first request after it
 * (see ListRendition). One cache serves any number of servers (the plain and the secure one).
 *
 * Each rendered unfiltered list is also gzipped once (`gzippedList`), off the main thread, for
 * the clients that accept it — client-go (kubectl, the HPA) asks for gzip by default: 36 MB
 * become ~2.7 MB to write to the socket, which is what a request costs the main thread.
 */
export class MetricsResponseCache {
  private readonly _store: Pick<MetricStore, 'latest'>;
  private readonly _resolutionMs: number;
  private readonly _labels: LabelSource;
  private readonly _now: () => number;
  private readonly _slicing: RenderSlicing;
  private readonly _pods: ListRendition;
  private readonly _nodes: ListRendition;
  private _current: BatchView | undefined;
  private _podListBytes = 0;
  private readonly _gzipResponses = { pods: 0, nodes: 0 };

  constructor(options: MetricsResponseCacheOptions) {
    validate(options);
    this._store = options.store;
    this._resolutionMs = options.resolutionMs;
    const { nodes, pods } = options;
    this._labels = {
      node: name => nodes?.getNode(name)?.labels ?? NO_LABELS,
      pod: (namespace, name) => pods?.getPod(namespace, name)?.labels ?? NO_LABELS,
    };
    this._now = options.now ?? Date.now;
    this._slicing = {
      sliceMs: options.sliceMs ?? 5,
      yieldToLoop: options.yieldToLoop ?? (() => nextTurn()),
    };
    const windowMs = options.prerenderWindowMs ?? 10 * options.resolutionMs;
    const level = options.gzipLevel ?? GZIP_LEVEL;
    const compress =
      level === 0
        ? undefined
        : (list: RenderedList) =>
            list.compress(body => gzipOffThread(body, level), COMPRESS_MIN_BYTES);
    this._pods = new ListRendition(
      async latest => {
        const lists = await this._listsSliced(latest);
        // Room for a few percent more than last time, so the buffer rarely has to grow.
        const hint = this._podListBytes === 0 ? 0 : Math.ceil(this._podListBytes * 1.03) + 4096;
        const list = await renderPodList(lists, this._slicing, hint);
        this._podListBytes = list.byteLength;
        return list;
      },
      this._now,
      windowMs,
      compress,
    );
    this._nodes = new ListRendition(
      async latest => renderNodeList(await this._listsSliced(latest)),
      this._now,
      windowMs,
      compress,
    );
  }

  /** The newest batch's per-request renderer; undefined before the first batch. */
  lists(): MetricsLists | undefined {
    const latest = this._store.latest();
    return latest === undefined ? undefined : this._listsNow(this._viewOf(latest));
  }

  /**
   * An unfiltered list as bytes: all pods or nodes, or one namespace's pods. Undefined when it
   * is to be rendered per request instead: before the first batch, and for a namespace while
   * the newest batch's pod list is not rendered (a namespace is cheap on its own, and asking
   * for one is no reason to render them all).
   */
  async list(
    kind: 'pods' | 'nodes',
    version: MetricsVersion,
    namespace?: string,
  ): Promise<Buffer | undefined> {
    const latest = this._store.latest();
    if (latest === undefined) return undefined;
    const rendition = kind === 'pods' ? this._pods : this._nodes;
    if (namespace !== undefined) return rendition.peek(latest)?.body(version, namespace);
    return (await rendition.get(latest)).body(version);
  }

  /**
   * The whole v1beta1 list of pods or nodes gzipped, for a client that accepts gzip; waits for
   * its compression if need be. Undefined (send `list()`'s bytes) before the first batch, when
   * the list is under COMPRESS_MIN_BYTES and when gzipLevel is 0.
   *
   * Waiting rather than sending the plain bytes meanwhile, as it measured no slower: only a
   * request that must wait for the newest rendering waits for its compression too (from the
   * second batch on, requests get the previous, finished list), and at 100,000 pods
   * (packages/api/bench/pods-list.mjs, quiet machine) the first request after start-up took
   * 742 ms gzipped against 749 ms plain over loopback: the 60–75 ms of gzip on a pool thread
   * cost no more than writing 36 MB instead of 2.7 MB, which it spares the main thread (and any
   * real network 14 × the transfer).
   */
  async gzippedList(kind: 'pods' | 'nodes'): Promise<Buffer | undefined> {
    const latest = this._store.latest();
    if (latest === undefined) return undefined;
    const list = await (kind === 'pods' ? this._pods : this._nodes).get(latest, true);
    if (list.gzip !== undefined) this._gzipResponses[kind]++;
    return list.gzip;
  }

  /** The store took a batch: render the lists in demand now. Returns at once. */
  prepare(): void {
    const latest = this._store.latest();
    if (latest === undefined) return;
    this._pods.renderAhead(latest);
    this._nodes.renderAhead(latest);
  }

  stats(): MetricsResponseCacheStats {
    return {
      pods: { ...this._pods.stats(), gzipResponses: this._gzipResponses.pods },
      nodes: { ...this._nodes.stats(), gzipResponses: this._gzipResponses.nodes },
    };
  }

  private _viewOf(latest: LatestBatch): BatchView {
    if (this._current?.latest === latest) return this._current;
    const view: BatchView = {
      latest,
      build: new SnapshotBuild(latest, this._resolutionMs),
      lists: undefined,
    };
    // Only the newest batch is kept (a late rendering of an older one does not displace it).
    if (latest === this._store.latest()) this._current = view;
    return view;
  }

  private _listsNow(view: BatchView): MetricsLists {
    view.lists ??= new MetricsLists(view.build.now(), this._labels, this._now);
    return view.lists;
  }

  /** For renderings: indexes the batch a step per turn, after the caller's turn. */
  private async _listsSliced(latest: LatestBatch): Promise<MetricsLists> {
    await this._slicing.yieldToLoop();
    const view = this._viewOf(latest);
    await view.build.sliced(this._slicing.yieldToLoop);
    return this._listsNow(view);
  }
}

/** One batch: its indexing (shared) and its per-request renderer. */
interface BatchView {
  readonly latest: LatestBatch;
  readonly build: SnapshotBuild;
  lists: MetricsLists | undefined;
}

/** What is wrong with the options the cache and the metrics API plugin share. */
export function storeAndResolutionProblems(options: {
  readonly store?: Pick<MetricStore, 'latest'>;
  readonly resolutionMs: number;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof options.store?.latest !== 'function') {
    problems.push({ field: 'store', message: 'must have a latest() method (a MetricStore)' });
  }
  if (!(Number.isFinite(options.resolutionMs) && options.resolutionMs > 0)) {
    problems.push({
      field: 'resolutionMs',
      message: `${String(options.resolutionMs)} is not a positive number of milliseconds`,
    });
  }
  return problems;
}

function validate(options: MetricsResponseCacheOptions): void {
  const problems = storeAndResolutionProblems(options);
  const window = options.prerenderWindowMs;
  if (window !== undefined && !(Number.isFinite(window) && window >= 0)) {
    problems.push({
      field: 'prerenderWindowMs',
      message: `${String(window)} is not a number of milliseconds ≥ 0`,
    });
  }
  const slice = options.sliceMs;
  if (slice !== undefined && !(Number.isFinite(slice) && slice > 0)) {
    problems.push({
      field: 'sliceMs',
      message: `${String(slice)} is not a positive number of milliseconds`,
    });
  }
  const level = options.gzipLevel;
  if (level !== undefined && !(Number.isInteger(level) && level >= 0 && level <= 9)) {
    problems.push({
      field: 'gzipLevel',
      message: `${String(level)} is not a zlib level 1–9, or 0 for no compressed lists`,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
