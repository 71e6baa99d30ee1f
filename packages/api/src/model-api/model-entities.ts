import { EntityType, type EntityKeyParts } from '@heapster/model';

/** A metric set as a model route names it. */
export interface ModelEntity {
  readonly type: EntityType;
  readonly parts: EntityKeyParts;
  /** What 404s call it: "node", "pod", ... */
  readonly kind: string;
  /** Its name in messages: `default/web-1`, `node-a/kubelet`. */
  readonly name: string;
}

export type RouteParams = Readonly<Record<string, string | undefined>>;

/**
 * The entity levels of the model API: the route prefix that addresses each and Heapster's
 * operation names of its metric-names and metric-values routes.
 */
export const ENTITY_ROUTES = {
  cluster: {
    prefix: '',
    operations: ['availableClusterMetrics', 'clusterMetrics'],
    entity: (): ModelEntity => cluster,
  },
  node: {
    prefix: '/nodes/:node',
    operations: ['availableNodeMetrics', 'nodeMetrics'],
    entity: (p: RouteParams) => node(p.node ?? ''),
  },
  namespace: {
    prefix: '/namespaces/:namespace',
    operations: ['availableNamespaceMetrics', 'namespaceMetrics'],
    entity: (p: RouteParams) => namespace(p.namespace ?? ''),
  },
  pod: {
    prefix: '/namespaces/:namespace/pods/:pod',
    operations: ['availablePodMetrics', 'podMetrics'],
    entity: (p: RouteParams) => pod(p.namespace ?? '', p.pod ?? ''),
  },
  container: {
    prefix: '/namespaces/:namespace/pods/:pod/containers/:container',
    operations: ['availableContainerMetrics', 'podContainerMetrics'],
    entity: (p: RouteParams): ModelEntity => {
      const [ns, podName, container] = [p.namespace ?? '', p.pod ?? '', p.container ?? ''];
      return {
        type: EntityType.PodContainer,
        parts: { namespace: ns, pod: podName, container },
        kind: 'container',
        name: `${ns}/${podName}/${container}`,
      };
    },
  },
  freeContainer: {
    prefix: '/nodes/:node/freecontainers/:container',
    operations: ['availableFreeContainerMetrics', 'freeContainerMetrics'],
    entity: (p: RouteParams): ModelEntity => {
      const [nodeName, container] = [p.node ?? '', p.container ?? ''];
      return {
        type: EntityType.SysContainer,
        parts: { node: nodeName, container },
        kind: 'free container',
        name: `${nodeName}/${container}`,
      };
    },
  },
} as const;

const cluster: ModelEntity = {
  type: EntityType.Cluster,
  parts: {},
  kind: 'cluster',
  name: 'cluster',
};

export function node(name: string): ModelEntity {
  return { type: EntityType.Node, parts: { node: name }, kind: 'node', name };
}

export function namespace(name: string): ModelEntity {
  return { type: EntityType.Namespace, parts: { namespace: name }, kind: 'namespace', name };
}

export function pod(ns: string, name: string): ModelEntity {
  return {
    type: EntityType.Pod,
    parts: { namespace: ns, pod: name },
    kind: 'pod',
    name: `${ns}/${name}`,
  };
}
