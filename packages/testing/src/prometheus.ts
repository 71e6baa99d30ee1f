// Prometheus 2.42 (Debian `prometheus`) on a free 127.0.0.1 port with the remote-write receiver
// on and out-of-order samples accepted (tests backfill), optionally scraping test targets.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBinary } from './binaries.js';
import {
  promQueryApi,
  type PromQueryApi,
  type PromRange,
  type PromSample,
  type PromSeries,
} from './prom-query.js';
import { ServerProcess, type LaunchSpec, type ServerLifecycle } from './server-process.js';
import type { TempDir } from './temp-dir.js';

export interface PrometheusOptions {
  /** host:port targets scraped at /metrics as job 'test'. */
  readonly scrapeTargets?: readonly string[];
  /** Default '1s', so a scrape lands quickly. */
  readonly scrapeInterval?: string;
  /** Further scrape_configs entries, exactly as prometheus.yml would have them. */
  readonly scrapeConfigs?: readonly Record<string, unknown>[];
  /** Extra command-line flags, e.g. ['--log.level=debug']. */
  readonly flags?: readonly string[];
}

export interface PrometheusServer extends ServerLifecycle, PromQueryApi {
  /** POST Prometheus remote-write requests here. */
  readonly remoteWriteUrl: string;
}

class PrometheusProcess extends ServerProcess implements PrometheusServer {
  private readonly api: PromQueryApi;

  constructor(
    dir: TempDir,
    port: number,
    private readonly binary: string,
    private readonly flags: readonly string[],
  ) {
    super('Prometheus', dir, port);
    this.api = promQueryApi(this.url);
  }

  static start(binary: string, options: PrometheusOptions): Promise<PrometheusProcess> {
    return ServerProcess.launchOnFreePorts('prometheus', 1, (dir, [port]) => {
      const server = new PrometheusProcess(dir, port!, binary, options.flags ?? []);
      server.writeConfig(options);
      return server;
    });
  }

  get remoteWriteUrl(): string {
    return `${this.url}/api/v1/write`;
  }

  protected launchSpec(): LaunchSpec {
    return {
      command: this.binary,
      args: [
        `--config.file=${this.configPath()}`,
        `--storage.tsdb.path=${join(this.dataDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${this.port}`,
        '--web.enable-remote-write-receiver',
        '--storage.tsdb.retention.time=3650d',
        '--log.level=warn',
        ...this.flags,
      ],
      readyUrl: `${this.url}/-/ready`,
      isReady: response => response.status === 200,
    };
  }

  query(promql: string, time?: number | Date): Promise<PromSample[]> {
    return this.api.query(promql, time);
  }

  queryRange(promql: string, range: PromRange): Promise<PromSeries[]> {
    return this.api.queryRange(promql, range);
  }

  private configPath(): string {
    return join(this.dataDir, 'prometheus.yml');
  }

  // JSON is valid YAML, so the config needs no YAML library.
  private writeConfig(options: PrometheusOptions): void {
    const scrapeConfigs: Record<string, unknown>[] = [...(options.scrapeConfigs ?? [])];
    if (options.scrapeTargets !== undefined && options.scrapeTargets.length > 0) {
      scrapeConfigs.push({
        job_name: 'test',
        static_configs: [{ targets: [...options.scrapeTargets] }],
      });
    }
    const interval = options.scrapeInterval ?? '1s';
    const config = {
      global: { scrape_interval: interval, evaluation_interval: interval },
      storage: { tsdb: { out_of_order_time_window: '30d' } },
      scrape_configs: scrapeConfigs,
    };
    writeFileSync(this.configPath(), `${JSON.stringify(config, null, 2)}\n`);
  }
}

/** Starts Prometheus; ready when GET /-/ready answers 200. */
export function startPrometheus(options: PrometheusOptions = {}): Promise<PrometheusServer> {
  for (const target of options.scrapeTargets ?? []) {
    if (!/^[\w.-]+:\d+$/.test(target)) {
      throw new Error(`startPrometheus: scrapeTargets entry '${target}' must be host:port`);
    }
  }
  const binary = requireBinary('prometheus', 'Prometheus 2.42, Debian package prometheus');
  return PrometheusProcess.start(binary, options);
}
