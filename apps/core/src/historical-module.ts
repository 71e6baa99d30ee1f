import type {
  historicalApiPlugin,
  HistoricalSourceSpec,
  openHistoricalSource,
  parseHistoricalSourceUri,
} from '@heapster/historical';

/** What the core uses of @heapster/historical. */
export interface HistoricalModule {
  readonly parseHistoricalSourceUri: typeof parseHistoricalSourceUri;
  readonly openHistoricalSource: typeof openHistoricalSource;
  readonly historicalApiPlugin: typeof historicalApiPlugin;
}

/** `--historical_source`, parsed, with the module that serves it. */
export interface HistoricalWiring {
  readonly spec: HistoricalSourceSpec;
  readonly module: HistoricalModule;
}

/**
 * @heapster/historical brings every backend's client (DuckDB, InfluxDB, Cloud Monitoring's gRPC
 * stack): about 44 MB of resident memory that a core without `--historical_source` never uses,
 * so it is imported only when that flag is given.
 */
export async function loadHistoricalModule(
  historicalSource: string | undefined,
): Promise<HistoricalModule | undefined> {
  return historicalSource === undefined ? undefined : await import('@heapster/historical');
}
