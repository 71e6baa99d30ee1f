// Public surface of @heapster/sink-influxdb: name every export.
export { DEFAULT_TAG_BLACKLIST, RETENTION_POLICY } from './config.js';
export type { InfluxdbSinkConfig } from './config.js';
export { influxdbSinkFactory } from './factory.js';
