import type { EntityTypeName } from '../entity-type.js';

/**
 * The labels that identify a metric set of each type (besides `type` itself), in the order
 * of Heapster's metric-set keys (`metrics/core/ms_keys.go`): a pod container is known by
 * namespace, pod and container; a system container by node and container; the cluster by
 * its type alone.
 */
export const ENTITY_TYPE_KEY_LABELS: Readonly<Record<EntityTypeName, readonly string[]>> =
  Object.freeze({
    pod_container: Object.freeze(['namespace_name', 'pod_name', 'container_name']),
    pod: Object.freeze(['namespace_name', 'pod_name']),
    ns: Object.freeze(['namespace_name']),
    node: Object.freeze(['nodename']),
    cluster: Object.freeze([]),
    sys_container: Object.freeze(['nodename', 'container_name']),
  });
