// Public surface of @heapster/oldtimer (the oldtimer binary); the entry point is main.ts.
export { DEFAULT_PORT, oldtimerCommand } from './flags.js';
export type { RawOldtimerFlags } from './flags.js';
export { buildOldtimerServer } from './oldtimer-server.js';
export type { OldtimerServerOptions } from './oldtimer-server.js';
export { startOldtimer } from './oldtimer.js';
export type { OldtimerDependencies, RunningOldtimer } from './oldtimer.js';
export { quickstartSource, validateOldtimerFlags } from './options.js';
export type { OldtimerOptions } from './options.js';
export { parseOldtimerArgs } from './parse-oldtimer-args.js';
export type { OldtimerConfig, ParsedOldtimerArgs } from './parse-oldtimer-args.js';
