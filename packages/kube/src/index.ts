// Public surface of @heapster/kube, the only package that imports @kubernetes/client-node
// (and loads it only for exec plugins, auth providers and proxies).

// Source URI (--source=kubernetes.summary_api:<url>?<options>) and connection config.
export {
  maskKubernetesSourceUri,
  parseKubernetesSourceUri,
  readKubernetesSourceOptions,
} from './source-uri.js';
export type { SplitSourceUri } from './source-uri.js';
export { KUBELET_ADDRESS_TYPES, SERVICE_ACCOUNT_DIR } from './source-config.js';
export type {
  ApiServerConfig,
  KubeletAddressType,
  KubeletConnectionConfig,
  KubeletCredential,
  KubeletEndpoint,
  KubeletTlsConfig,
  KubernetesSourceConfig,
  KubernetesSourceType,
} from './source-config.js';
export { loadKubeConfig, resolveKubeletConfig } from './kube-config.js';
export type { KubeConfigOrigin, LoadedKubeConfig, LoadKubeConfigOptions } from './kube-config.js';
export { KubeConnection } from './kube-connection.js';
export type { ApiRequestSettings } from './native-credentials.js';

// Raw JSON access to the API server.
export { KubeApiClient, KubeApiError, WatchInactiveError } from './api-client.js';
export type { KubeApiClientOptions } from './api-client.js';
export type { BackoffOptions } from './watch-loop.js';

// Slim informers and the lister interfaces processors depend on.
export { ClusterCache } from './cluster-cache.js';
export type { ClusterCacheOptions, ClusterCacheStats, InformerStats } from './cluster-cache.js';
export type { ReflectorCounters } from './reflector.js';
export type {
  ClusterChange,
  ClusterChangeListener,
  ClusterChangeType,
  NamespaceLister,
  NodeLister,
  PodLister,
} from './listers.js';
export type {
  ContainerInfo,
  NamespaceInfo,
  NodeAddress,
  NodeInfo,
  PodInfo,
  ResourceAmounts,
} from './cluster-records.js';
export { ConversionContext, ObjectDecodeError } from './conversion-context.js';
export { toNamespaceInfo, toNodeInfo } from './node-record.js';
export { toPodInfo } from './pod-record.js';

// Events list+watch for the eventer.
export { watchEvents } from './event-watch.js';
export type {
  EventChangeType,
  EventWatch,
  EventWatchStats,
  WatchEventsOptions,
} from './event-watch.js';
export { toKubeEvent } from './event-record.js';
