import http from 'node:http';
import https from 'node:https';
import {
  PartialWriteError,
  PermanentError,
  httpCall,
  type HttpResult,
  type Logger,
} from '@heapster/runtime';
import { RETENTION_POLICY, type InfluxdbSinkConfig } from './config.js';
import { ensureDatabase } from './database-setup.js';
import { errorText, httpFailure, statementResults, type StatementResult } from './influxql.js';
import type { LineWriter, Precision } from './line-writer.js';
import type { LineChunk } from './serializer.js';

/**
 * InfluxDB 1.x: line protocol POSTed to `/write?db=&rp=default&precision=`, InfluxQL on
 * `/query` for the database set-up. A "database not found" answer (someone dropped it, or
 * InfluxDB lost its data) re-runs the set-up and retries that chunk once.
 */
export class V1Writer implements LineWriter {
  readonly target: string;
  private readonly _config: InfluxdbSinkConfig;
  private readonly _logger: Logger;
  private readonly _agent: http.Agent;
  private readonly _headers: Record<string, string>;
  private _ready = false;
  private _preparing: Promise<void> | undefined;

  constructor(config: InfluxdbSinkConfig, logger: Logger) {
    this._config = config;
    this._logger = logger;
    this.target = `${config.url}, db=${config.database}`;
    const agentOptions = { keepAlive: true, maxSockets: config.concurrency + 1 };
    this._agent = config.url.startsWith('https:')
      ? new https.Agent({ ...agentOptions, rejectUnauthorized: !config.insecureSsl })
      : new http.Agent(agentOptions);
    const credentials = Buffer.from(`${config.user}:${config.password}`).toString('base64');
    this._headers = { authorization: `Basic ${credentials}` };
  }

  prepare(signal: AbortSignal): Promise<void> {
    if (this._ready) return Promise.resolve();
    this._preparing ??= this._prepare(signal).finally(() => {
      this._preparing = undefined;
    });
    return this._preparing;
  }

  async write(chunk: LineChunk, precision: Precision, signal: AbortSignal): Promise<void> {
    await this.prepare(signal);
    let result = await this._post(chunk.body, precision, signal);
    if (result.status === 404 && /database not found/i.test(result.body)) {
      this._logger.warn('InfluxDB database not found: creating it again', {
        db: this._config.database,
      });
      this._ready = false;
      await this.prepare(signal);
      result = await this._post(chunk.body, precision, signal);
    }
    if (result.status >= 200 && result.status <= 299) return;
    const message = errorText(result.body);
    if (/partial write/i.test(message)) {
      const dropped = /dropped=(\d+)/.exec(message);
      throw new PartialWriteError(
        `InfluxDB write partly failed: ${message}`,
        dropped === null ? chunk.lines : Math.min(chunk.lines, Number(dropped[1])),
      );
    }
    throw httpFailure('InfluxDB write', result);
  }

  close(): void {
    this._agent.destroy();
  }

  private async _prepare(signal: AbortSignal): Promise<void> {
    try {
      const changes = await ensureDatabase(
        (statement, s) => this._query(statement, s),
        {
          database: this._config.database,
          retentionPolicy: RETENTION_POLICY,
          retention: this._config.retention,
          retentionMs: this._config.retentionMs,
          retentionExplicit: this._config.retentionExplicit,
        },
        signal,
      );
      for (const change of changes)
        this._logger.info(`InfluxDB: ${change}`, { db: this._config.database });
    } catch (error) {
      // Without admin rights the set-up fails for good, yet writes to an existing database
      // may work: say so once and let the writes tell.
      if (!(error instanceof PermanentError)) throw error;
      this._logger.warn('InfluxDB database set-up failed; writing anyway', {
        db: this._config.database,
        error: error.message,
      });
    }
    this._ready = true;
  }

  private async _query(statement: string, signal: AbortSignal): Promise<StatementResult[]> {
    const result = await httpCall({
      method: 'POST',
      url: new URL(`${this._config.url}/query`),
      headers: { ...this._headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ q: statement }).toString(),
      timeoutMs: this._config.timeoutMs,
      signal,
      agent: this._agent,
      what: 'InfluxDB query',
    });
    return statementResults(`InfluxQL "${statement}"`, result);
  }

  private _post(body: Uint8Array, precision: Precision, signal: AbortSignal): Promise<HttpResult> {
    const params = new URLSearchParams({
      db: this._config.database,
      rp: RETENTION_POLICY,
      precision,
    });
    return httpCall({
      method: 'POST',
      url: new URL(`${this._config.url}/write?${params.toString()}`),
      headers: { ...this._headers, 'content-type': 'text/plain; charset=utf-8' },
      body,
      timeoutMs: this._config.timeoutMs,
      signal,
      agent: this._agent,
      what: 'InfluxDB write',
    });
  }
}
