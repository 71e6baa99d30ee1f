// VictoriaMetrics (Debian `victoria-metrics`) on a free 127.0.0.1 port: the InfluxDB v2 write
// path (/api/v2/write), Prometheus remote write (/api/v1/write) and PromQL reads.
import { requireBinary } from './binaries.js';
import { httpOk } from './http.js';
import {
  promQueryApi,
  type PromQueryApi,
  type PromRange,
  type PromSample,
  type PromSeries,
} from './prom-query.js';
import { ServerProcess, type LaunchSpec, type ServerLifecycle } from './server-process.js';
import type { TempDir } from './temp-dir.js';

export interface VictoriaMetricsServer extends ServerLifecycle, PromQueryApi {
  /** Makes everything written so far visible to the next query (GET /internal/force_flush). */
  forceFlush(): Promise<void>;
}

// Old timestamps must be kept (tests backfill), and the default 30 s latency offset would hide
// the newest samples from queries.
const DEFAULT_FLAGS = ['-retentionPeriod=100y', '-search.latencyOffset=0s', '-loggerLevel=WARN'];

class VictoriaMetricsProcess extends ServerProcess implements VictoriaMetricsServer {
  private readonly api: PromQueryApi;

  constructor(
    dir: TempDir,
    port: number,
    private readonly binary: string,
    private readonly flags: readonly string[],
  ) {
    super('VictoriaMetrics', dir, port);
    // Without nocache, VictoriaMetrics moves a query for "the last second" a second back (its
    // latency offset never drops below 1 s), which hides samples just written.
    this.api = promQueryApi(this.url, { nocache: '1' });
  }

  static start(binary: string, flags: readonly string[]): Promise<VictoriaMetricsProcess> {
    return ServerProcess.launchOnFreePorts('victoria-metrics', 1, (dir, [port]) => {
      return new VictoriaMetricsProcess(dir, port!, binary, flags);
    });
  }

  protected launchSpec(): LaunchSpec {
    return {
      command: this.binary,
      args: [
        `-storageDataPath=${this.dataDir}/data`,
        `-httpListenAddr=127.0.0.1:${this.port}`,
        ...DEFAULT_FLAGS,
        ...this.flags,
      ],
      readyUrl: `${this.url}/health`,
      isReady: response => response.status === 200 && response.text.trim() === 'OK',
    };
  }

  async forceFlush(): Promise<void> {
    await httpOk(`${this.url}/internal/force_flush`);
  }

  query(promql: string, time?: number | Date): Promise<PromSample[]> {
    return this.api.query(promql, time);
  }

  queryRange(promql: string, range: PromRange): Promise<PromSeries[]> {
    return this.api.queryRange(promql, range);
  }
}

/**
 * Starts VictoriaMetrics; ready when GET /health answers OK. `flags` are appended (and win over
 * the defaults), e.g. ['-influxSkipSingleField', '-influxMeasurementFieldSeparator=.'].
 */
export function startVictoriaMetrics(
  flags: readonly string[] = [],
): Promise<VictoriaMetricsServer> {
  for (const flag of flags) {
    if (!flag.startsWith('-'))
      throw new Error(`startVictoriaMetrics: flag '${flag}' must start with '-'`);
  }
  const binary = requireBinary(
    'victoria-metrics',
    'VictoriaMetrics, Debian package victoria-metrics',
  );
  return VictoriaMetricsProcess.start(binary, flags);
}
