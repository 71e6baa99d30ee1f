import { OptionReader, type SinkUri } from '@heapster/sink';

/** Options of `--sink=http:<url>?...` (README lists each with its default). */
export interface HttpSinkConfig {
  /** Where every body is POSTed (http:// or https://). */
  readonly url: string;
  /** Bound on one request, connect to last response byte. */
  readonly timeoutMs: number;
  /** Extra attempts after a retryable failure (5xx, 408, 429, network), within the deadline. */
  readonly retries: number;
  /** Extra request headers, in the order given. */
  readonly headers: readonly (readonly [string, string])[];
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token: string | undefined;
  readonly gzip: boolean;
  /** A batch whose JSON is larger is split into several POSTs (uncompressed size). */
  readonly maxBodyBytes: number;
  readonly insecureSsl: boolean;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// The sink sets these itself: a user value would contradict the body it sends.
const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'host']);

/** Pure: reads every option with its default; all problems are reported together. */
export function parseConfig(uri: SinkUri): HttpSinkConfig {
  const options = new OptionReader(uri);
  const token = options.optionalString('token');
  const headers = parseHeaders(options.list('headers'), options);
  if (token !== undefined && headers.some(([name]) => name.toLowerCase() === 'authorization')) {
    options.problem('headers', 'sets Authorization, and so does token: give only one');
  }
  const config: HttpSinkConfig = {
    url: parseUrl(uri.target, options),
    timeoutMs: options.duration('timeout', 10_000, { minMs: 100 }),
    retries: options.integer('retries', 2, { min: 0, max: 10 }),
    headers,
    token,
    gzip: options.boolean('gzip', false),
    maxBodyBytes: options.integer('max_body_bytes', 8 * 1024 * 1024, { min: 64 * 1024 }),
    insecureSsl: options.boolean('insecuressl', false),
  };
  options.done();
  return Object.freeze(config);
}

function parseUrl(target: string, options: OptionReader): string {
  if (target.trim() === '') {
    options.problem('target', 'a URL is required, e.g. http:http://collector:8080/heapster');
    return '';
  }
  try {
    const url = new URL(target.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      options.problem('target', `"${url.protocol}" is not supported: use http:// or https://`);
    }
    return url.toString();
  } catch {
    options.problem('target', `"${target}" is not a URL (e.g. http://collector:8080/heapster)`);
    return '';
  }
}

function parseHeaders(values: readonly string[], options: OptionReader): [string, string][] {
  const headers: [string, string][] = [];
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = colon < 0 ? value : value.slice(0, colon).trim();
    if (colon < 0 || !HEADER_NAME.test(name)) {
      options.problem('headers', `"${name}" is not Name:Value with a valid header name`);
    } else if (RESERVED_HEADERS.has(name.toLowerCase())) {
      options.problem('headers', `"${name}" is set by the sink and cannot be overridden`);
    } else {
      headers.push([name, value.slice(colon + 1).trim()]);
    }
  }
  return headers;
}
