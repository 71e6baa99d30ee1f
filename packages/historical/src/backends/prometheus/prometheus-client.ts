import type http from 'node:http';
import { PermanentError, RetryableError } from '@heapster/runtime';
import { backendAgent, bodyExcerpt, httpExchange, type HttpAnswer } from '../http-post.js';
import type { PrometheusSourceConfig } from './prometheus-config.js';
import { promTime, windowText } from './promql.js';

export interface PromSeries {
  readonly metric: Readonly<Record<string, string>>;
  /** [unix seconds, value text] pairs (a vector's single sample is put here too). */
  readonly values: readonly (readonly [number, string])[];
}

interface PromAnswer {
  readonly status?: string;
  readonly error?: string;
  readonly data?: unknown;
}

const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

/** The Prometheus HTTP API (`/api/v1/…`), which every PromQL engine serves. */
export class PrometheusClient {
  private readonly _config: PrometheusSourceConfig;
  private readonly _agent: http.Agent;
  private readonly _headers: Record<string, string>;

  constructor(config: PrometheusSourceConfig) {
    this._config = config;
    this._agent = backendAgent(new URL(config.url), config.insecureSsl);
    this._headers =
      config.bearerToken !== undefined
        ? { authorization: `Bearer ${config.bearerToken}` }
        : config.user !== undefined
          ? {
              authorization: `Basic ${Buffer.from(`${config.user}:${config.password}`).toString('base64')}`,
            }
          : {};
  }

  /** An instant query; a vector becomes one-sample series, a matrix stays as it is. */
  async instant(query: string, atMs: number, signal: AbortSignal): Promise<PromSeries[]> {
    const data = await this._call('/api/v1/query', { query, time: promTime(atMs) }, signal);
    return seriesOf(data);
  }

  async range(
    query: string,
    firstMs: number,
    lastMs: number,
    stepMs: number,
    signal: AbortSignal,
  ): Promise<PromSeries[]> {
    const params = {
      query,
      start: promTime(firstMs),
      end: promTime(lastMs),
      step: windowText(stepMs),
    };
    return seriesOf(await this._call('/api/v1/query_range', params, signal));
  }

  /** Values of a label on the series a selector matches, seen in a time range. */
  async labelValues(
    label: string,
    match: string,
    startMs: number,
    endMs: number,
    signal: AbortSignal,
  ): Promise<string[]> {
    const params = { 'match[]': match, start: promTime(startMs), end: promTime(endMs) };
    const data = await this._call(
      `/api/v1/label/${encodeURIComponent(label)}/values`,
      params,
      signal,
      'GET',
    );
    return Array.isArray(data) ? data.map(String) : [];
  }

  close(): void {
    this._agent.destroy();
  }

  private async _call(
    path: string,
    params: Record<string, string>,
    signal: AbortSignal,
    method: 'GET' | 'POST' = 'POST',
  ): Promise<unknown> {
    const form = new URLSearchParams(params);
    // VictoriaMetrics: without nocache it moves start/end to multiples of step and may serve
    // cached results that miss samples written a moment ago.
    if (this._config.nocache) form.set('nocache', '1');
    const url = new URL(`${this._config.url}${path}`);
    if (method === 'GET') url.search = form.toString();
    const answer = await httpExchange({
      url,
      headers: this._headers,
      ...(method === 'POST' ? { form } : {}),
      method,
      timeoutMs: this._config.timeoutMs,
      signal,
      agent: this._agent,
      maxBytes: MAX_ANSWER_BYTES,
      what: `PromQL ${path}`,
    });
    return dataOf(path, answer);
  }
}

function dataOf(path: string, answer: HttpAnswer): unknown {
  let parsed: PromAnswer | undefined;
  try {
    parsed = JSON.parse(answer.body) as PromAnswer;
  } catch {
    parsed = undefined;
  }
  const reason = parsed?.error ?? bodyExcerpt(answer.body);
  const message = `PromQL ${path} answered ${answer.status}: ${reason}`;
  if (answer.status === 429 || answer.status >= 500) throw new RetryableError(message);
  if (answer.status < 200 || answer.status > 299 || parsed?.status !== 'success') {
    throw new PermanentError(message);
  }
  return parsed.data;
}

function seriesOf(data: unknown): PromSeries[] {
  const { resultType, result } = (data ?? {}) as { resultType?: string; result?: unknown };
  if (!Array.isArray(result)) return [];
  if (resultType === 'vector') {
    return result.map((sample: { metric?: Record<string, string>; value: [number, string] }) => ({
      metric: sample.metric ?? {},
      values: [sample.value],
    }));
  }
  if (resultType === 'matrix') {
    return result.map(
      (series: { metric?: Record<string, string>; values?: [number, string][] }) => ({
        metric: series.metric ?? {},
        values: series.values ?? [],
      }),
    );
  }
  return [];
}
