// Public surface of @heapster/testing: real servers on 127.0.0.1 for other packages' tests,
// kubectl clients, and the small helpers (ports, temp dirs, polling, process groups) behind them.
export { findRepoRoot, PREREQS_HINT, requireBinary } from './binaries.js';
export { freePort, freePorts } from './free-port.js';
export { httpOk, httpRequest } from './http.js';
export type { HttpRequest, HttpResponse } from './http.js';
export { startInfluxDB } from './influxdb.js';
export type {
  InfluxDBServer,
  InfluxPrecision,
  InfluxQueryOptions,
  InfluxQueryResponse,
  InfluxSeries,
  InfluxStatementResult,
} from './influxdb.js';
export { findKubectl, runKubectl, spawnKubectlWatch } from './kubectl.js';
export type { KubectlResult, KubectlRunOptions, KubectlWatch, KubectlWhich } from './kubectl.js';
export { groupOwnsPort, isProcessAlive, liveProcessesInGroup } from './process-group.js';
export { ProcessHandle } from './process-handle.js';
export type {
  ExitStatus,
  ManagedProcess,
  ProcessStartOptions,
  StopOptions,
} from './process-handle.js';
export type { PromQueryApi, PromRange, PromSample, PromSeries } from './prom-query.js';
export { startPrometheus } from './prometheus.js';
export type { PrometheusOptions, PrometheusServer } from './prometheus.js';
export type { ServerLifecycle } from './server-process.js';
export { tempDir } from './temp-dir.js';
export type { TempDir } from './temp-dir.js';
export { startVictoriaMetrics } from './victoria-metrics.js';
export type { VictoriaMetricsServer } from './victoria-metrics.js';
export { waitFor } from './wait-for.js';
export type { WaitForOptions } from './wait-for.js';
