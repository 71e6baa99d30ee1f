import { v2 } from '@google-cloud/logging';
import { gaxClientOptions } from '@heapster/gcp';
import type { GclSinkConfig } from './config.js';
import type { EventLogEntry } from './log-entry.js';
import type { LogTarget } from './site.js';
import { toStruct } from './struct.js';

/** One WriteLogEntries request: entries of one log and resource. */
export interface WriteRequest {
  readonly logName: string;
  readonly resource: LogTarget['resource'];
  readonly entries: readonly EventLogEntry[];
}

/** The Cloud Logging calls the sink needs, behind one small interface. */
export interface LoggingClient {
  writeLogEntries(request: WriteRequest, timeoutMs: number): Promise<void>;
  /** The Application Default Credentials project (throws when there is none). */
  adcProject(): Promise<string>;
  close(): Promise<void>;
}

/** The part of the generated client used here (the package types `v2` as any). */
interface GapicLoggingClient {
  writeLogEntries(request: object, options: object): Promise<unknown>;
  getProjectId(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The generated gRPC client (not the `Log` class: that one adds a diagnostic entry to the
 * first write of a process and retries on its own). Credentials are Application Default
 * Credentials, resolved by the client and never seen or printed here; `endpoint` + `insecure`
 * point it at a local fake. `partialSuccess` lets Cloud Logging store the valid entries of a
 * request when some are refused.
 */
export function createLoggingClient(config: GclSinkConfig): LoggingClient {
  const Client = (v2 as { LoggingServiceV2Client: new (options: object) => GapicLoggingClient })
    .LoggingServiceV2Client;
  const client = new Client(gaxClientOptions(config));
  return {
    async writeLogEntries(request, timeoutMs) {
      await client.writeLogEntries(
        {
          logName: request.logName,
          resource: request.resource,
          partialSuccess: true,
          entries: request.entries.map(entry => ({
            insertId: entry.insertId,
            timestamp: entry.timestamp,
            severity: entry.severity,
            jsonPayload: toStruct(entry.jsonPayload),
          })),
        },
        // Retries are the sink's (@heapster/gcp sendWithRetries): the client must not add its own.
        { timeout: timeoutMs, retry: null },
      );
    },
    adcProject: () => client.getProjectId(),
    close: () => client.close(),
  };
}
