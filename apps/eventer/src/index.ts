// Public surface of @heapster/eventer (the eventer binary); the entry point is main.ts.
export { CheckpointFile } from './checkpoint-file.js';
export type { CheckpointDocument, CheckpointEntry } from './checkpoint-file.js';
export { startEventer } from './eventer.js';
export type { EventerDependencies, RunningEventer } from './eventer.js';
export { EventSource } from './event-source.js';
export type { EventConsumer, EventSourceOptions, EventSourceStats } from './event-source.js';
export { DEFAULT_CHECKPOINT_FILE } from './options.js';
export type { EventerOptions } from './options.js';
export { parseEventerArgs } from './parse-eventer-args.js';
export type {
  EventerConfig,
  ParseEventerArgsDeps,
  ParsedEventerArgs,
} from './parse-eventer-args.js';
export {
  EVENTER_SINK_MODULES,
  loadEventerSinkRegistry,
  requestedSinkTypes,
} from './sink-factories.js';
export {
  EVENTER_SINK_OPTIONS,
  compileEventFilter,
  globMatcher,
  splitSinkRouteOptions,
} from './sink-route-options.js';
export type { EventFilterSpec, SinkRouteOptions } from './sink-route-options.js';
