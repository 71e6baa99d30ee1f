import { describeEndpoint, GcpSession, resolveProject, type GcpEnvironment } from '@heapster/gcp';
import { ConfigError, type FieldProblem } from '@heapster/runtime';
import {
  HistoricalQueryError,
  type HistoricalAggregationRequest,
  type HistoricalAggregationResult,
  type HistoricalEntityField,
  type HistoricalMetricQuery,
  type HistoricalPointsOptions,
  type HistoricalPointsResult,
  type HistoricalQueryOptions,
  type HistoricalSelector,
  type HistoricalSource,
  type HistoricalTimeRange,
} from '@heapster/sink';
import { bucketOf, completeBuckets, queryGroups } from '../../bucket-grid.js';
import { bucketStatistics } from '../../sample-statistics.js';
import { runLimited } from '../run-limited.js';
import { alignerPlan, checkPercentiles } from './aligner-plan.js';
import { listingPlan } from './entity-listing.js';
import { chunkedFilters, filterText } from './monitoring-filter.js';
import {
  grpcTimeSeriesLister,
  readAllPages,
  type ListQuery,
  type TimeSeriesLister,
} from './monitoring-reader.js';
import {
  catalogFor,
  readScope,
  readsSeveralSeries,
  recipeFor,
  type ReadScope,
} from './read-scope.js';
import { PAGE_SIZE, readPerBucket, readSamples, type ReadAll } from './series-reads.js';
import { seriesLabel } from './series-values.js';
import type { StackdriverSourceConfig } from './stackdriver-config.js';
import { checkBucketOfPeriod, rawWindow } from './time-windows.js';

/** Seams for tests; production uses the gRPC client and Application Default Credentials. */
export interface StackdriverSourceDeps {
  readonly lister?: TimeSeriesLister;
  readonly environment?: GcpEnvironment;
}

/** Metric existence probes of one metric listing in flight at once. */
const PROBE_CONCURRENCY = 4;
/** Readiness reads the last minutes of one node metric, headers only. */
const PING_WINDOW_MS = 10 * 60_000;

/**
 * Historical queries over what the stackdriver sink writes to Cloud Monitoring, with
 * ListTimeSeries: stored gauges get Cloud Monitoring's per-bucket aligners (ALIGN_MEAN, _MAX,
 * _MIN, _COUNT, _PERCENTILE_nn, alignment period = bucket); sums over several series (pods
 * from their containers, namespaces, the cluster, memory/usage) and rates of counters are read
 * as one aligned series per result (REDUCE_SUM, ALIGN_RATE) and their buckets computed here;
 * counters are read raw. docs/stackdriver.md says what is answered and how.
 */
export class StackdriverHistoricalSource implements HistoricalSource {
  readonly name: string;
  readonly backend = 'stackdriver';
  readonly percentileDefinition =
    "Cloud Monitoring's ALIGN_PERCENTILE_05/50/95/99 over one stored gauge series (Google's definition); over summed and rate series (pods from containers, namespaces, the cluster, *_rate, memory/usage) linear interpolation (Hyndman & Fan type 7) of the aligned points; median = 50th percentile aligner, or the mean of the two middle points; only 5, 50, 95 and 99";
  readonly percentilesAreSamples = false;
  private readonly _config: StackdriverSourceConfig;
  private readonly _session: GcpSession<TimeSeriesLister, string>;

  constructor(config: StackdriverSourceConfig, deps: StackdriverSourceDeps = {}) {
    this._config = config;
    this.name =
      `${config.type}(${describeEndpoint(config.endpoint, 'monitoring.googleapis.com')}, ` +
      `project=${config.project ?? 'from credentials'})`;
    this._session = new GcpSession({
      createClient: () => grpcTimeSeriesLister(config),
      resolveTarget: environment => projectOf(config, environment),
      deps: {
        ...(deps.lister === undefined ? {} : { client: deps.lister }),
        ...(deps.environment === undefined ? {} : { environment: deps.environment }),
      },
    });
  }

  /** One headers-only page of a series every cluster has, in the model the URI reads. */
  async ping(options: HistoricalQueryOptions): Promise<void> {
    const plan = this._config.newResources
      ? listingPlan('node', { type: 'node' }, this._config)
      : listingPlan('container', { type: 'pod_container', podIds: [] }, this._config);
    const { podIds: _podIds, ...selector } = plan.selector;
    const scope = readScope(selector, plan.recipe, this._config);
    const end = Date.now();
    const project = await this._session.target();
    await this._session.client().listPage(
      project,
      {
        filter: filterText(scope?.clauses ?? []),
        window: { startMs: end - PING_WINDOW_MS, endMs: end },
        view: 'HEADERS',
        pageSize: 1,
      },
      '',
      { timeoutMs: this._config.timeoutMs, signal: options.signal },
    );
  }

  async metricNames(
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]> {
    const byFilter = new Map<string, string[]>();
    for (const [name, recipe] of catalogFor(selector, this._config)) {
      const scope = readScope(selector, recipe, this._config);
      if (scope === undefined) continue;
      const filter = filterText(scope.clauses);
      byFilter.set(filter, [...(byFilter.get(filter) ?? []), name]);
    }
    const project = await this._session.target();
    const found: string[] = [];
    const jobs = [...byFilter].map(([filter, names]) => async () => {
      const page = await this._session
        .client()
        .listPage(project, { filter, window: rawWindow(range), view: 'HEADERS', pageSize: 1 }, '', {
          timeoutMs: this._config.timeoutMs,
          signal: options.signal,
        });
      if (page.timeSeries.length > 0) found.push(...names);
    });
    await runLimited(jobs, PROBE_CONCURRENCY);
    return found.sort();
  }

  async entities(
    field: HistoricalEntityField,
    selector: HistoricalSelector,
    range: HistoricalTimeRange,
    options: HistoricalQueryOptions,
  ): Promise<string[]> {
    const plan = listingPlan(field, selector, this._config);
    const scope = readScope(plan.selector, plan.recipe, this._config);
    if (scope === undefined) return [];
    const read = await this._reader(options.signal);
    const values = new Set<string>();
    for (const filter of chunkedFilters(scope.clauses)) {
      const series = await read({
        filter,
        window: rawWindow(range),
        view: 'HEADERS',
        pageSize: PAGE_SIZE,
      });
      for (const one of series) {
        const value = seriesLabel(one, plan.labelPath);
        if (value !== undefined && value !== '') values.add(value);
      }
    }
    return [...values].sort();
  }

  async points(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    options: HistoricalPointsOptions,
  ): Promise<HistoricalPointsResult[]> {
    const scope = this._scope(query);
    const groups = queryGroups(query);
    const samples =
      scope === undefined
        ? new Map()
        : await readSamples(
            await this._reader(options.signal),
            scope,
            range,
            this._config.alignmentPeriodMs,
          );
    return groups.map(group => {
      const points = samples.get(group) ?? [];
      if (points.length > options.maxPoints) {
        throw new HistoricalQueryError(
          'start',
          `the range holds more than ${options.maxPoints} points; ask for a shorter one`,
        );
      }
      return group === undefined ? { points } : { group, points };
    });
  }

  async aggregate(
    query: HistoricalMetricQuery,
    range: HistoricalTimeRange,
    request: HistoricalAggregationRequest,
    options: HistoricalQueryOptions,
  ): Promise<HistoricalAggregationResult[]> {
    checkPercentiles(request);
    const scope = this._scope(query);
    const groups = queryGroups(query);
    const empty = () => groups.map(group => completeBuckets(new Map(), request, range, group));
    if (scope === undefined) return empty();
    const { recipe } = scope;
    if (recipe.read === 'gauge' && !recipe.summed) {
      const steps = alignerPlan(request, readsSeveralSeries(scope, query));
      const read = await this._reader(options.signal);
      const found = await readPerBucket(read, scope, steps, request, range);
      return groups.map(group =>
        completeBuckets(found.get(group) ?? new Map(), request, range, group),
      );
    }
    if (recipe.summed || recipe.read === 'rate') {
      checkBucketOfPeriod(request.bucketMs, this._config.alignmentPeriodMs);
    }
    const read = await this._reader(options.signal);
    const samples = await readSamples(read, scope, range, this._config.alignmentPeriodMs);
    return groups.map(group => {
      const byBucket = new Map<number, number[]>();
      for (const sample of samples.get(group) ?? []) {
        const bucket = bucketOf(sample.timestamp, request.bucketMs, range);
        byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), sample.value]);
      }
      const found = new Map(
        [...byBucket].map(([t, values]) => [t, bucketStatistics(t, values, request, 'linear')]),
      );
      return completeBuckets(found, request, range, group);
    });
  }

  async close(): Promise<void> {
    await this._session.close();
  }

  private _scope(query: HistoricalMetricQuery): ReadScope | undefined {
    const parameter = query.groupBy === 'pod_id' ? 'pod-id-list' : 'pod-id';
    const catalog = catalogFor(query, this._config, parameter);
    return readScope(query, recipeFor(catalog, query, query.metric), this._config, query.groupBy);
  }

  private async _reader(signal: AbortSignal): Promise<ReadAll> {
    const project = await this._session.target();
    const lister = this._session.client();
    const options = { timeoutMs: this._config.timeoutMs, maxPages: this._config.maxPages, signal };
    return (query: ListQuery) => readAllPages(lister, project, query, options);
  }
}

/** The configured project, else Application Default Credentials'; a ConfigError naming `project`. */
async function projectOf(
  config: StackdriverSourceConfig,
  environment: GcpEnvironment,
): Promise<string> {
  const problems: FieldProblem[] = [];
  const project = await resolveProject(config.type, config.project, environment, problems);
  if (project === undefined) throw new ConfigError(problems);
  return project;
}
