// Public surface of @heapster/gcp: name every export.
export { CauseLog } from './cause-log.js';
export { describeEndpoint, gaxClientOptions, parseEndpoint } from './endpoint.js';
export type { ClientTarget, Endpoint, GaxClientOptions } from './endpoint.js';
export { gcpEnvironment } from './gcp-environment.js';
export type { GcpEnvironment, MetadataKey } from './gcp-environment.js';
export { readClusterOptions, readConnectionOptions } from './gcp-options.js';
export type { GcpClusterOptions, GcpConnectionOptions } from './gcp-options.js';
export { GcpSession } from './gcp-session.js';
export type { GcpServiceClient, GcpSessionOptions, GcpSinkDeps } from './gcp-session.js';
export {
  GrpcCode,
  grpcCodeName,
  grpcCodeOf,
  grpcMessageOf,
  grpcStatusName,
  isTransient,
} from './grpc-codes.js';
export { sendWithRetries } from './request-sender.js';
export type {
  AttemptObserver,
  AttemptTiming,
  RequestOutcome,
  RetriedRequest,
  RetryPolicy,
} from './request-sender.js';
export { detectMetadata, resolveProject, undetectedReason } from './site-detection.js';
