// Public surface of @heapster/runtime: name every export.
export { ManualClock, systemClock } from './clock.js';
export type { Clock } from './clock.js';
export {
  ConfigError,
  HeapsterError,
  PartialWriteError,
  PermanentError,
  RetryableError,
  TimeoutError,
  isRetryable,
} from './errors.js';
export type { FieldProblem } from './errors.js';
export { normalizeFlagNames } from './flag-names.js';
export { expandEnv, splitFlagUri } from './flag-uri.js';
export type { FlagUri } from './flag-uri.js';
export { httpCall, retryAfterMs } from './http-call.js';
export type { HttpCall, HttpResult } from './http-call.js';
export { createLogger, createMemoryLogger, noopLogger, parseLogLevel } from './logger.js';
export type {
  CapturedLogLine,
  LogFields,
  LogLevel,
  Logger,
  LoggerOptions,
  MemoryLogger,
} from './logger.js';
export { handleShutdownSignals } from './shutdown.js';
export { backoffDelay, sleep, withTimeout } from './timeout.js';
