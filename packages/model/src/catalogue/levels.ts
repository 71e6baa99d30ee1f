import type { EntityTypeName } from '../entity-type.js';
import type { MetricAggregation } from './metric-descriptor.js';

// Short names for the entity types, as in heapster.md's legend, so the family tables read
// like the reference: C = pod_container, P = pod, N = ns, ND = node, CL = cluster, S = sys_container.
export const C: EntityTypeName = 'pod_container';
export const P: EntityTypeName = 'pod';
export const N: EntityTypeName = 'ns';
export const ND: EntityTypeName = 'node';
export const CL: EntityTypeName = 'cluster';
export const S: EntityTypeName = 'sys_container';

const ORDER: readonly EntityTypeName[] = [C, P, N, ND, CL, S];

/** A level list in entity-type order, whatever order it was written in. */
export function levels(...names: EntityTypeName[]): readonly EntityTypeName[] {
  return Object.freeze(ORDER.filter(name => names.includes(name)));
}

export const NOT_SUMMED: MetricAggregation = Object.freeze({
  pod: false,
  namespace: false,
  node: false,
  cluster: false,
});

/** Gauges a container carries that Heapster's pod aggregator sums into the pod (and no further). */
export const POD_SUM: MetricAggregation = Object.freeze({
  pod: true,
  namespace: false,
  node: false,
  cluster: false,
});

/** cpu/usage_rate and memory/usage: summed pod, namespace and cluster, never into the node. */
export const USAGE_SUM: MetricAggregation = Object.freeze({
  pod: true,
  namespace: true,
  node: false,
  cluster: true,
});

/** cpu and memory requests/limits: summed at every level. */
export const EVERYWHERE_SUM: MetricAggregation = Object.freeze({
  pod: true,
  namespace: true,
  node: true,
  cluster: true,
});

/** ephemeral_storage requests/limits: summed into pods and nodes only. */
export const POD_AND_NODE_SUM: MetricAggregation = Object.freeze({
  pod: true,
  namespace: false,
  node: true,
  cluster: false,
});

/** Labeled-metric key used by filesystem and disk metrics. */
export const RESOURCE_ID_KEYS: readonly string[] = Object.freeze(['resource_id']);
export const ACCELERATOR_KEYS: readonly string[] = Object.freeze([
  'make',
  'model',
  'accelerator_id',
]);
export const NO_KEYS: readonly string[] = Object.freeze([]);
