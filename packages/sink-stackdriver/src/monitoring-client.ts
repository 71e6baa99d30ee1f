import { MetricServiceClient } from '@google-cloud/monitoring';
import { gaxClientOptions } from '@heapster/gcp';
import type { StackdriverSinkConfig } from './config.js';
import type { TimeSeries } from './time-series.js';
import type { TimeSeriesClient } from './time-series-request.js';

/** The Cloud Monitoring calls the sink needs, behind one small interface. */
export interface MonitoringClient extends TimeSeriesClient {
  /** The Application Default Credentials project (throws when there is none). */
  adcProject(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The gRPC client. Credentials are Application Default Credentials, resolved by the client on
 * its first call (GOOGLE_APPLICATION_CREDENTIALS, gcloud, the metadata server) and never seen
 * or printed here. `endpoint` + `insecure` point it at a local fake: with `sslCreds` set, gax
 * uses the channel credentials as they are and asks for no Google credentials.
 */
export function createMonitoringClient(config: StackdriverSinkConfig): MonitoringClient {
  const client = new MetricServiceClient(gaxClientOptions(config));
  return {
    async createTimeSeries(request, timeoutMs) {
      // Retries are the sink's (@heapster/gcp sendWithRetries): the client must not add its own.
      await client.createTimeSeries(
        // The proto interfaces are mutable; the series are only read by the encoder.
        { name: request.name, timeSeries: request.timeSeries as TimeSeries[] },
        { timeout: timeoutMs, retry: null },
      );
    },
    adcProject: () => client.getProjectId(),
    close: () => client.close(),
  };
}
