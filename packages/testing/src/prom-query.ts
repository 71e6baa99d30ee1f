// The Prometheus HTTP query API, which Prometheus and VictoriaMetrics both serve.
import { httpOk } from './http.js';

export interface PromSample {
  readonly metric: Record<string, string>;
  /** [unix seconds, value as text] */
  readonly value: [number, string];
}

export interface PromSeries {
  readonly metric: Record<string, string>;
  readonly values: [number, string][];
}

export interface PromRange {
  /** Unix seconds or a Date. */
  readonly start: number | Date;
  readonly end: number | Date;
  /** Seconds, or a duration such as '1h'. */
  readonly step: number | string;
}

export interface PromQueryApi {
  /** Instant query (GET /api/v1/query); the result must be a vector. */
  query(promql: string, time?: number | Date): Promise<PromSample[]>;
  /** Range query (GET /api/v1/query_range). */
  queryRange(promql: string, range: PromRange): Promise<PromSeries[]>;
}

interface PromResponse {
  readonly status: string;
  readonly error?: string;
  readonly data?: { resultType: string; result: unknown };
}

function seconds(time: number | Date): string {
  return String(time instanceof Date ? time.getTime() / 1000 : time);
}

async function callApi(
  baseUrl: string,
  path: string,
  params: URLSearchParams,
  expected: string,
): Promise<unknown> {
  const url = `${baseUrl}${path}?${params.toString()}`;
  const body = JSON.parse((await httpOk(url)).text) as PromResponse;
  if (body.status !== 'success' || body.data === undefined) {
    throw new Error(`GET ${url} failed: ${body.error ?? body.status}`);
  }
  if (body.data.resultType !== expected) {
    throw new Error(`GET ${url} returned a ${body.data.resultType}, expected a ${expected}`);
  }
  return body.data.result;
}

/** `extraParams` go on every query, e.g. VictoriaMetrics' nocache=1. */
export function promQueryApi(
  baseUrl: string,
  extraParams: Record<string, string> = {},
): PromQueryApi {
  return {
    async query(promql, time) {
      const params = new URLSearchParams({ ...extraParams, query: promql });
      if (time !== undefined) params.set('time', seconds(time));
      return (await callApi(baseUrl, '/api/v1/query', params, 'vector')) as PromSample[];
    },
    async queryRange(promql, range) {
      const params = new URLSearchParams({
        ...extraParams,
        query: promql,
        start: seconds(range.start),
        end: seconds(range.end),
        step: String(range.step),
      });
      return (await callApi(baseUrl, '/api/v1/query_range', params, 'matrix')) as PromSeries[];
    },
  };
}
