import Fastify, { type FastifyInstance } from 'fastify';
import { noopLogger, systemClock } from '@heapster/runtime';
import type { HistoricalSource } from '@heapster/sink';
import {
  FakeMonitoringServer,
  timestampMs,
  type RecordedListRequest,
} from '@heapster/sink-stackdriver/testing';
import { HISTORICAL_MAX_PARAM_LENGTH, historicalApiPlugin } from '../api/historical-api-plugin.js';
import { createHistoricalSource } from '../create-historical-source.js';

export const T0 = Date.UTC(2024, 2, 1);
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const CONTAINER = { namespace_name: 'default', pod_name: 'web-1', container_name: 'app' };

/** RFC 3339 as the API prints it (no zero milliseconds). */
export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

const timestamp = (ms: number) => ({
  seconds: String(Math.floor(ms / 1000)),
  nanos: (ms % 1000) * 1e6,
});

/** A DOUBLE gauge series as the fake encodes it, with points at the given end times. */
export function series(
  metricType: string,
  resource: { type: string; labels: Record<string, string> },
  points: readonly (readonly [number, number])[],
  metricLabels: Record<string, string> = {},
) {
  return {
    metric: { type: metricType, labels: metricLabels },
    resource,
    metricKind: 'GAUGE',
    valueType: 'DOUBLE',
    points: points.map(([end, value]) => ({
      interval: { endTime: timestamp(end) },
      value: { doubleValue: value },
    })),
  };
}

/** Aligned points as Cloud Monitoring stamps them: at the interval's end and every period back. */
export function alignedStamps(request: RecordedListRequest): number[] {
  const end = timestampMs(request.interval?.endTime);
  const start = timestampMs(request.interval?.startTime);
  const period = Number(request.aggregation?.alignmentPeriod?.seconds) * 1000;
  const stamps: number[] = [];
  for (let at = end; at > start; at -= period) stamps.push(at);
  return stamps;
}

/** A request's interval as the first and last instants it holds (its start is exclusive). */
export const intervalOf = (request: RecordedListRequest): [string, string] => [
  iso(timestampMs(request.interval?.startTime) + 1),
  iso(timestampMs(request.interval?.endTime)),
];

export interface StackdriverApi {
  readonly server: FakeMonitoringServer;
  readonly source: HistoricalSource;
  get(path: string): Promise<{ status: number; body: any }>;
  /** Forgets recorded requests and canned answers between tests. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * The historical API plugin (fastify inject) over the stackdriver source, reading a local
 * MetricService: project test-proj, cluster_name prod, max_pages 3, 500 ms per call, `now` one
 * day after T0.
 */
export async function startStackdriverApi(): Promise<StackdriverApi> {
  // No developer credentials or metadata server may leak into these tests.
  process.env.METADATA_SERVER_DETECTION = 'none';
  const server = new FakeMonitoringServer();
  await server.start();
  const source = createHistoricalSource(
    `stackdriver:?project=test-proj&cluster_name=prod&endpoint=${server.endpoint}&insecure=true` +
      '&max_pages=3&request_timeout=500ms',
    { logger: noopLogger, clock: systemClock },
  );
  const app: FastifyInstance = Fastify({
    routerOptions: { maxParamLength: HISTORICAL_MAX_PARAM_LENGTH },
  });
  await app.register(historicalApiPlugin, { source, now: () => T0 + 24 * HOUR });
  return {
    server,
    source,
    async get(path) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/historical${path}` });
      return { status: response.statusCode, body: response.json() };
    },
    reset() {
      server.listRequests.length = 0;
      server.cannedSeries = [];
      server.listDelayMs = 0;
      server.listAnswer = () => ({ timeSeries: [] });
    },
    async close() {
      await app.close();
      await source.close();
      await server.stop();
    },
  };
}
