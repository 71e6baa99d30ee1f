import type { LineChunk } from './serializer.js';

/** Timestamp precision of a write: metrics carry ms, events ns (see event-serializer.ts). */
export type Precision = 'ms' | 'ns';

/**
 * The transport under both sinks: InfluxDB 1.x (`/write`, v1-writer.ts) or the v2 write API
 * (`/api/v2/write`, v2-writer.ts). Errors are classified: PermanentError, RetryableError,
 * PartialWriteError (with the number of points dropped).
 */
export interface LineWriter {
  /** Secret-free description for the sink name, e.g. `http://influxdb:8086, db=k8s`. */
  readonly target: string;
  /** Creates what writes need (1.x: database and retention policy); cheap once done. */
  prepare(signal: AbortSignal): Promise<void>;
  write(chunk: LineChunk, precision: Precision, signal: AbortSignal): Promise<void>;
  /** Releases connections; later writes fail. */
  close(): void;
}
