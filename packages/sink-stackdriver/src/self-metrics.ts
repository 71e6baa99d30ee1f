import { grpcCodeName } from '@heapster/gcp';
import { Counter, Summary, type Registry } from 'prom-client';

const REQUESTS = 'heapster_stackdriver_requests_count';
const SERIES = 'heapster_stackdriver_timeseries_count';
const LATENCY = 'heapster_stackdriver_request_latency_milliseconds';

/**
 * Heapster's Stackdriver self-metrics, same names and `code` values: requests (one per
 * attempt, so retries show), time series by final outcome, request latency. Registered once
 * per registry: a `stackdriver` and a `gcm` sink in one binary share them.
 */
export class StackdriverSelfMetrics {
  private readonly _requests: Counter<'code'>;
  private readonly _series: Counter<'code'>;
  private readonly _latency: Summary;

  constructor(registry: Registry) {
    this._requests =
      (registry.getSingleMetric(REQUESTS) as Counter<'code'> | undefined) ??
      new Counter({
        name: REQUESTS,
        help: 'Number of requests to the Cloud Monitoring API, by gRPC status code.',
        labelNames: ['code'],
        registers: [registry],
      });
    this._series =
      (registry.getSingleMetric(SERIES) as Counter<'code'> | undefined) ??
      new Counter({
        name: SERIES,
        help: 'Number of time series sent to Cloud Monitoring, by final gRPC status code.',
        labelNames: ['code'],
        registers: [registry],
      });
    this._latency =
      (registry.getSingleMetric(LATENCY) as Summary | undefined) ??
      new Summary({
        name: LATENCY,
        help: 'Latency of requests to the Cloud Monitoring API.',
        percentiles: [0.5, 0.9, 0.99],
        registers: [registry],
      });
  }

  request(code: number, latencyMs: number): void {
    this._requests.inc({ code: grpcCodeName(code) });
    this._latency.observe(latencyMs);
  }

  series(code: number, count: number): void {
    if (count > 0) this._series.inc({ code: grpcCodeName(code) }, count);
  }
}
