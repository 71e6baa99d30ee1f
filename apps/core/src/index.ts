// Public surface of @heapster/core (the heapster binary); the entry point is main.ts.
export { parseCoreArgs } from './parse-core-args.js';
export type { ParsedCoreArgs } from './parse-core-args.js';
export type { CoreOptions, StoreLabel } from './options.js';
