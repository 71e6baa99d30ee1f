import {
  readClusterOptions,
  readConnectionOptions,
  type GcpClusterOptions,
  type GcpConnectionOptions,
} from '@heapster/gcp';
import { OptionReader, type SinkUri } from '@heapster/sink';

/** `all`: every mapped series; `autoscaling`: only node series (Heapster gcm's `metrics=autoscaling`). */
export type MetricSelection = 'all' | 'autoscaling';

/** Options of `--sink=stackdriver[:?...]` and its alias `gcm` (README lists each with its default). */
export interface StackdriverSinkConfig extends GcpConnectionOptions, GcpClusterOptions {
  /** The type the sink was configured with (`stackdriver` or `gcm`), for messages and the name. */
  readonly type: string;
  /** k8s_container / k8s_pod / k8s_node with `kubernetes.io/...` metric types. */
  readonly newResources: boolean;
  /** gke_container with `container.googleapis.com/container/...` metric types. */
  readonly oldResources: boolean;
  readonly metrics: MetricSelection;
  /** A batch newer than the last exported one by less than this is skipped (0 = export all). */
  readonly minIntervalMs: number;
  /** Deadline of one batch's export, on top of the manager's signal. */
  readonly batchExportTimeoutMs: number;
  /** CreateTimeSeries requests in flight at once. */
  readonly workers: number;
  /** Timeout of one CreateTimeSeries call (each retry gets a fresh one). */
  readonly requestTimeoutMs: number;
}

/** Cloud Monitoring accepts at most 200 time series per CreateTimeSeries request. */
export const MAX_SERIES_PER_REQUEST = 200;

/** Pure: reads every option with its default; all problems are reported together. */
export function parseConfig(uri: SinkUri): StackdriverSinkConfig {
  const options = new OptionReader(uri);
  const connection = readConnectionOptions(options, uri, 'monitoring.googleapis.com');
  const newResources = options.boolean('use_new_resources', true);
  const oldResources = options.boolean('use_old_resources', false);
  if (!newResources && !oldResources) {
    options.problem(
      'use_new_resources',
      'false together with use_old_resources=false selects no resource model: enable one',
    );
  }
  // Heapster's start delay spread its unbounded worker start-up; the bounded pool does that here.
  options.integer('initial_delay_sec', 0, { min: 0, max: 3600 });
  const config: StackdriverSinkConfig = {
    type: uri.type,
    newResources,
    oldResources,
    ...readClusterOptions(options),
    metrics: options.oneOf('metrics', ['all', 'autoscaling'] as const, 'all'),
    minIntervalMs: options.integer('min_interval_sec', 0, { min: 0, max: 86_400 }) * 1000,
    batchExportTimeoutMs:
      options.integer('batch_export_timeout_sec', 60, { min: 1, max: 3600 }) * 1000,
    workers: options.integer('workers', 10, { min: 1, max: 100 }),
    requestTimeoutMs: options.duration('request_timeout', 12_000, { minMs: 100 }),
    ...connection,
  };
  options.done();
  return Object.freeze(config);
}
