// Public surface of @heapster/sink-gcl: name every export.
export type { Endpoint, GcpEnvironment, MetadataKey, RetryPolicy } from '@heapster/gcp';
export { DEFAULT_LOG_NAME } from './config.js';
export type { GclSinkConfig, ResourceChoice } from './config.js';
export { GclEventSink } from './event-sink.js';
export type { GclSinkDeps } from './event-sink.js';
export { gclSinkFactory } from './factory.js';
export { entryOf, logNameOf, severityOf } from './log-entry.js';
export type { EventLogEntry, Severity, Timestamp } from './log-entry.js';
export type { LoggingClient, WriteRequest } from './logging-client.js';
export type { LogTarget } from './site.js';
