// Public surface of @heapster/sink-log: name every export.
export { LOG_SINK_DEFAULTS } from './config.js';
export type { LogFormat, LogOutput, LogSinkConfig } from './config.js';
export { createLogSinkFactory, logSinkFactory } from './factory.js';
export type { LogStreams } from './factory.js';
export type { LogStream } from './output-writer.js';
