import { METRICS_GROUP } from '../metrics-api/metrics-json.js';

/**
 * The discovery documents kubectl and the aggregator read before any request: which groups
 * and versions exist (`/api`, `/apis`, `/apis/metrics.k8s.io`) and which resources a version
 * has (`/api/v1`, `/apis/metrics.k8s.io/{version}`). Legacy (unaggregated) discovery only:
 * kubectl 1.32+ asks for `apidiscovery.k8s.io/v2` first and falls back to these.
 */

const VERSIONS = ['v1beta1', 'v1alpha1'] as const;

function groupVersion(version: string): { groupVersion: string; version: string } {
  return { groupVersion: `${METRICS_GROUP}/${version}`, version };
}

function metricsGroup(): Record<string, unknown> {
  return {
    name: METRICS_GROUP,
    versions: VERSIONS.map(groupVersion),
    preferredVersion: groupVersion('v1beta1'),
  };
}

/** `GET /api`: the core group exists (for `/api/v1/nodes` and `/api/v1/pods`). */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `GET /apis`: metrics.k8s.io, preferring v1beta1. Without it `kubectl top` says "Metrics API not available". */
export function apiGroupList(): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [metricsGroup()] };
}

/** `GET /apis/metrics.k8s.io`. */
export function metricsApiGroup(): Record<string, unknown> {
  return { kind: 'APIGroup', apiVersion: 'v1', ...metricsGroup() };
}

/** `GET /apis/metrics.k8s.io/{version}`: the two resources, get and list only (no watch). */
export function metricsResourceList(version: string): Record<string, unknown> {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${METRICS_GROUP}/${version}`,
    resources: [
      {
        name: 'nodes',
        singularName: '',
        namespaced: false,
        kind: 'NodeMetrics',
        verbs: ['get', 'list'],
      },
      {
        name: 'pods',
        singularName: '',
        namespaced: true,
        kind: 'PodMetrics',
        verbs: ['get', 'list'],
      },
    ],
  };
}

/**
 * `GET /api/v1`: the nodes and pods served. It must exist: without the core group, `kubectl get
 * nodes` would resolve "nodes" to NodeMetrics (and "pods" to PodMetrics without pods here).
 */
export function coreResourceList(served: {
  readonly nodes: boolean;
  readonly pods: boolean;
}): Record<string, unknown> {
  const resources: Record<string, unknown>[] = [];
  if (served.nodes) {
    resources.push({
      name: 'nodes',
      singularName: '',
      namespaced: false,
      kind: 'Node',
      verbs: ['get', 'list'],
      shortNames: ['no'],
    });
  }
  if (served.pods) {
    resources.push({
      name: 'pods',
      singularName: '',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'list'],
      shortNames: ['po'],
      categories: ['all'],
    });
  }
  return { kind: 'APIResourceList', groupVersion: 'v1', resources };
}

export const METRICS_VERSIONS: readonly string[] = VERSIONS;

/** `GET /version`, in the API server's shape; the versions are Heapster's own. */
export interface VersionInfo {
  readonly gitVersion: string;
  readonly gitCommit?: string;
  readonly buildDate?: string;
}

export function versionDocument(info: VersionInfo): Record<string, unknown> {
  const match = /^v?(\d+)\.(\d+)/.exec(info.gitVersion);
  return {
    major: match?.[1] ?? '',
    minor: match?.[2] ?? '',
    gitVersion: info.gitVersion,
    gitCommit: info.gitCommit ?? '',
    gitTreeState: 'clean',
    buildDate: info.buildDate ?? '',
    goVersion: '',
    compiler: 'node',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
