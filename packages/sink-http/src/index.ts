// Public surface of @heapster/sink-http: name every export.
export type { HttpSinkConfig } from './config.js';
export { httpSinkFactory } from './factory.js';
export { SCHEMA_VERSION } from './serializer.js';
