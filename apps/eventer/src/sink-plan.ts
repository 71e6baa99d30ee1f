import type { KubeEvent } from '@heapster/model';
import { ConfigError, type FieldProblem } from '@heapster/runtime';
import {
  maskSecrets,
  type EventSinkRoute,
  type ResolvedSink,
  type SinkRegistry,
  type SinkSettings,
} from '@heapster/sink';
import { compileEventFilter, splitSinkRouteOptions } from './sink-route-options.js';

/** One validated --sink value: the sink to build and the eventer's routing for it. */
export interface EventSinkPlan {
  /** Checkpoint key: the --sink value with secrets masked (filters included: new filter, new sink). */
  readonly id: string;
  readonly resolved: ResolvedSink;
  readonly accepts: ((event: KubeEvent) => boolean) | undefined;
  readonly batchSize: number | undefined;
  readonly bufferSize: number | undefined;
}

/**
 * Validates every --sink value: the eventer's own options are split off and checked here, the
 * rest goes to the sink's factory. Every problem is added to `problems` (none stops the rest).
 */
export function planEventSinks(
  values: readonly string[],
  registry: SinkRegistry,
  env: Readonly<Record<string, string | undefined>>,
  problems: FieldProblem[],
): EventSinkPlan[] {
  const plans: EventSinkPlan[] = [];
  const ids = new Map<string, number>();
  for (const value of values) {
    const route = splitSinkRouteOptions(value.trim(), env, problems);
    let resolved: ResolvedSink | undefined;
    try {
      resolved = registry.resolve([route.sinkValue], 'events', env)[0];
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems);
      else problems.push({ field: `--sink=${maskSecrets(value)}`, message: String(error) });
    }
    if (resolved === undefined) continue;
    const masked = maskSecrets(value.trim());
    const seen = ids.get(masked) ?? 0;
    ids.set(masked, seen + 1);
    plans.push({
      id: seen === 0 ? masked : `${masked}#${seen + 1}`,
      resolved,
      accepts: compileEventFilter(route.filter),
      batchSize: route.batchSize,
      bufferSize: route.bufferSize,
    });
  }
  return plans;
}

/** Builds the sinks (constructors do no I/O) as routes for the EventSinkManager. */
export function buildEventSinkRoutes(
  plans: readonly EventSinkPlan[],
  registry: SinkRegistry,
  settings: (type: string) => SinkSettings,
  checkpoints: ReadonlyMap<string, string>,
): EventSinkRoute[] {
  return plans.map(plan => {
    const [sink] = registry.createEventSinks([plan.resolved], settings);
    if (sink === undefined) throw new Error(`sink ${plan.id} was not created`);
    const resumeFrom = checkpoints.get(plan.id);
    return {
      id: plan.id,
      sink,
      ...(plan.accepts === undefined ? {} : { accepts: plan.accepts }),
      ...(plan.batchSize === undefined ? {} : { batchSize: plan.batchSize }),
      ...(plan.bufferSize === undefined ? {} : { bufferSize: plan.bufferSize }),
      ...(resumeFrom === undefined ? {} : { resumeFrom }),
    };
  });
}
