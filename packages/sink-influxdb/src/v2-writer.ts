import {
  HttpError,
  InfluxDB,
  RequestTimedOutError,
  type WriteApi,
} from '@influxdata/influxdb-client';
import { PartialWriteError, PermanentError, RetryableError } from '@heapster/runtime';
import type { InfluxdbSinkConfig } from './config.js';
import type { LineWriter, Precision } from './line-writer.js';
import type { LineChunk } from './serializer.js';

/**
 * The v2 write API (`/api/v2/write`: InfluxDB 2.x and 3.x, VictoriaMetrics, InfluxDB 1.8+)
 * through @influxdata/influxdb-client's WriteApi, with the client's own batching, retries and
 * logging switched off: one chunk = one request, the sink manager owns retries and counting.
 * The client's requests take no AbortSignal, so an abort disposes the WriteApi and the write
 * rejects at once; the request itself ends at the client's `timeout`.
 */
export class V2Writer implements LineWriter {
  readonly target: string;
  private readonly _config: InfluxdbSinkConfig;
  private readonly _client: InfluxDB;

  constructor(config: InfluxdbSinkConfig) {
    this._config = config;
    this.target = `${config.url}, v2 bucket=${config.bucket}${config.org === '' ? '' : `, org=${config.org}`}`;
    this._client = new InfluxDB({
      url: config.url,
      token: config.token,
      timeout: config.timeoutMs,
      transportOptions: { rejectUnauthorized: !config.insecureSsl },
    });
  }

  async prepare(_signal: AbortSignal): Promise<void> {
    // Buckets are created by the server's administrator (with their retention) in v2.
  }

  async write(chunk: LineChunk, precision: Precision, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw abortReason(signal);
    const api = this._writeApi(precision);
    api.writeRecord(
      Buffer.from(chunk.body.buffer, chunk.body.byteOffset, chunk.body.length).toString('utf8'),
    );
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        api.dispose();
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    const flushed = api.flush();
    try {
      await Promise.race([flushed, aborted]);
    } catch (error) {
      throw classify(error, chunk.lines);
    } finally {
      if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
      flushed.catch(() => undefined);
      aborted.catch(() => undefined);
    }
  }

  close(): void {
    // The node transport keeps no connections open between requests.
  }

  private _writeApi(precision: Precision): WriteApi {
    return this._client.getWriteApi(this._config.org, this._config.bucket, precision, {
      maxRetries: 0,
      // Only our explicit flush sends: never a timer, never a size-triggered send.
      batchSize: 2,
      flushInterval: 0,
      maxBatchBytes: Number.MAX_SAFE_INTEGER,
      // Returning a promise makes it the flush result and stops the client's own logging.
      writeFailed: (error: Error) => Promise.reject(error),
    });
  }
}

function classify(error: unknown, lines: number): Error {
  if (error instanceof HttpError) {
    const message = `InfluxDB v2 write answered ${error.statusCode}: ${(error.body ?? error.message).trim().slice(0, 500)}`;
    if (/partial write/i.test(message)) return new PartialWriteError(message, lines);
    if (error.statusCode === 429 || error.statusCode >= 500) {
      const after = error.retryAfter();
      return new RetryableError(message, { retryAfterMs: after > 0 ? after : undefined });
    }
    return new PermanentError(message);
  }
  if (error instanceof RequestTimedOutError) {
    return new RetryableError(`InfluxDB v2 write timed out: ${error.message}`, { cause: error });
  }
  if (error instanceof RetryableError || error instanceof PermanentError) return error;
  return new RetryableError(`InfluxDB v2 write failed: ${String(error)}`, { cause: error });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new RetryableError('InfluxDB write aborted');
}
