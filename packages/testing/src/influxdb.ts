// InfluxDB 1.6 (Debian `influxdb`) on 127.0.0.1: HTTP and the RPC/backup bind-address on free
// ports, data in a temp dir, usage reporting and the _internal monitor store off.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBinary } from './binaries.js';
import { httpOk } from './http.js';
import { ServerProcess, type LaunchSpec, type ServerLifecycle } from './server-process.js';
import type { TempDir } from './temp-dir.js';

export interface InfluxSeries {
  readonly name: string;
  readonly tags?: Record<string, string>;
  readonly columns: string[];
  readonly values: unknown[][];
}

export interface InfluxStatementResult {
  readonly statement_id: number;
  readonly series?: InfluxSeries[];
  readonly error?: string;
}

export interface InfluxQueryResponse {
  readonly results: InfluxStatementResult[];
}

export type InfluxPrecision = 'ns' | 'u' | 'ms' | 's' | 'm' | 'h';

export interface InfluxQueryOptions {
  /** Timestamps as epoch numbers in this unit instead of RFC3339 strings. */
  readonly epoch?: InfluxPrecision;
}

export interface InfluxDBServer extends ServerLifecycle {
  /** Runs InfluxQL (POST /query); throws on HTTP errors and on any statement error. */
  query(q: string, db?: string, options?: InfluxQueryOptions): Promise<InfluxQueryResponse>;
  /** Writes line protocol (POST /write); throws unless the server answers 204. */
  write(lines: string | readonly string[], db: string, precision?: InfluxPrecision): Promise<void>;
}

class InfluxDBProcess extends ServerProcess implements InfluxDBServer {
  constructor(
    dir: TempDir,
    port: number,
    private readonly rpcPort: number,
    private readonly binary: string,
  ) {
    super('InfluxDB', dir, port);
  }

  static start(binary: string): Promise<InfluxDBProcess> {
    return ServerProcess.launchOnFreePorts('influxdb', 2, (dir, [http, rpc]) => {
      const server = new InfluxDBProcess(dir, http!, rpc!, binary);
      server.writeConfig();
      return server;
    });
  }

  protected launchSpec(): LaunchSpec {
    return {
      command: this.binary,
      args: ['run', '-config', this.configPath()],
      readyUrl: `${this.url}/ping`,
      isReady: response => response.status === 204,
    };
  }

  async query(
    q: string,
    db?: string,
    options: InfluxQueryOptions = {},
  ): Promise<InfluxQueryResponse> {
    const params = new URLSearchParams({ q });
    if (db !== undefined) params.set('db', db);
    if (options.epoch !== undefined) params.set('epoch', options.epoch);
    const response = await httpOk(`${this.url}/query`, {
      method: 'POST',
      body: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const parsed = JSON.parse(response.text) as InfluxQueryResponse & { error?: string };
    const failed = parsed.error ?? parsed.results?.find(result => result.error)?.error;
    if (failed !== undefined) throw new Error(`InfluxQL '${q}' failed: ${failed}`);
    return parsed;
  }

  async write(
    lines: string | readonly string[],
    db: string,
    precision: InfluxPrecision = 's',
  ): Promise<void> {
    const body = typeof lines === 'string' ? lines : lines.join('\n');
    const params = new URLSearchParams({ db, precision });
    const response = await httpOk(`${this.url}/write?${params.toString()}`, {
      method: 'POST',
      body,
    });
    if (response.status !== 204) {
      throw new Error(`InfluxDB write to db '${db}' answered ${response.status}: ${response.text}`);
    }
  }

  private configPath(): string {
    return join(this.dataDir, 'influxdb.conf');
  }

  private writeConfig(): void {
    const dir = (name: string): string => JSON.stringify(join(this.dataDir, name));
    const config = [
      'reporting-disabled = true',
      `bind-address = "127.0.0.1:${this.rpcPort}"`,
      '[meta]',
      `  dir = ${dir('meta')}`,
      '[data]',
      `  dir = ${dir('data')}`,
      `  wal-dir = ${dir('wal')}`,
      '  query-log-enabled = false',
      '[monitor]',
      '  store-enabled = false',
      '[http]',
      '  enabled = true',
      `  bind-address = "127.0.0.1:${this.port}"`,
      '  auth-enabled = false',
      '  log-enabled = false',
      '[ifql]',
      '  enabled = false',
      '',
    ].join('\n');
    writeFileSync(this.configPath(), config);
  }
}

/** Starts InfluxDB 1.6 (`influxd`) on free 127.0.0.1 ports; ready when GET /ping answers 204. */
export function startInfluxDB(): Promise<InfluxDBServer> {
  return InfluxDBProcess.start(requireBinary('influxd', 'InfluxDB 1.6, Debian package influxdb'));
}
