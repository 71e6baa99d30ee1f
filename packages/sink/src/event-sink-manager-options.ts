import { ConfigError, type Clock, type FieldProblem, type Logger } from '@heapster/runtime';
import type { Registry } from 'prom-client';
import type { EventSinkRoute } from './event-sink-slot.js';
import { isComparableResourceVersion } from './resource-version.js';
import type { TaskScheduler } from './task-scheduler.js';

export interface EventSinkManagerOptions {
  readonly routes: readonly EventSinkRoute[];
  /** How often every queue is flushed (`--frequency`, default 30 s, 1 s to 3 min). */
  readonly frequencyMs: number;
  /** Default per-sink batch: a queue this long is written without waiting for the tick. */
  readonly batchSize: number;
  /** Default per-sink queue bound; a full queue pauses the source (backpressure). */
  readonly bufferSize: number;
  /** Deadline of one write (and of a sink's start and checkpoint query). */
  readonly exportTimeoutMs: number;
  /** Retry backoff: full jitter, doubling from baseMs, capped at maxMs. */
  readonly retry?: { readonly baseMs: number; readonly maxMs: number };
  readonly logger: Logger;
  readonly clock: Clock;
  readonly registry: Registry;
  readonly scheduler?: TaskScheduler;
  readonly random?: () => number;
  /** A sink's checkpoint moved: every event version up to `resourceVersion` is exported to it. */
  readonly onCheckpoint?: (id: string, resourceVersion: string) => void;
}

export const EVENT_FREQUENCY_RANGE_MS = { min: 1_000, max: 180_000 } as const;
/** Checks the options once; throws one ConfigError naming every bad field. */
export function validateEventSinkManagerOptions(options: EventSinkManagerOptions): void {
  const problems: FieldProblem[] = [];
  const { min, max } = EVENT_FREQUENCY_RANGE_MS;
  if (!(options.frequencyMs >= min && options.frequencyMs <= max))
    problems.push({
      field: 'frequency',
      message: `${options.frequencyMs} ms is outside ${min / 1000}s to ${max / 1000}s`,
    });
  if (!(Number.isInteger(options.batchSize) && options.batchSize >= 1))
    problems.push({
      field: 'batchSize',
      message: `${options.batchSize} is not a positive integer`,
    });
  if (!(Number.isInteger(options.bufferSize) && options.bufferSize >= 1))
    problems.push({
      field: 'bufferSize',
      message: `${options.bufferSize} is not a positive integer`,
    });
  if (!(options.exportTimeoutMs > 0))
    problems.push({
      field: 'exportTimeoutMs',
      message: `${options.exportTimeoutMs} is not a positive duration`,
    });
  const ids = new Set<string>();
  for (const route of options.routes) {
    if (ids.has(route.id))
      problems.push({ field: 'routes', message: `route id "${route.id}" is used twice` });
    ids.add(route.id);
    if (route.resumeFrom !== undefined && !isComparableResourceVersion(route.resumeFrom))
      problems.push({
        field: `routes[${route.id}].resumeFrom`,
        message: `"${route.resumeFrom}" is not a decimal resourceVersion`,
      });
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
