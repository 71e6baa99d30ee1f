// Public surface of @heapster/kubesim: name every export.

// Simulated kube-apiserver (src/api).
export { createApiServer } from './api/api-server.js';
export type {
  ApiServer,
  ApiServerOptions,
  ExtraRoutes,
  RequestLogEntry,
} from './api/api-server.js';
export { ApiFaults } from './api/api-faults.js';
export type {
  ApiFaultsSnapshot,
  FaultScope,
  ListFailure,
  WatchDropMode,
} from './api/api-faults.js';
export { InMemoryObjectStore, ObjectStoreError, rfc3339 } from './api/in-memory-object-store.js';
export type {
  InMemoryObjectStoreOptions,
  NewObject,
  ObjectStoreErrorReason,
} from './api/in-memory-object-store.js';
export { objectKey } from './api/object-store.js';
export type {
  ChangeListener,
  Kind,
  KubeObject,
  ObjectMeta,
  ObjectStore,
  StoreChange,
  WatchEventType,
} from './api/object-store.js';
export type { AuthPolicy, AuthRule, UserInfo } from './api/auth/auth-policy.js';
export type { ApiResourceInfo, ExtraApiGroup } from './api/discovery.js';
export { LabelSelector, SelectorParseError } from './api/label-selector.js';
export { FieldSelector } from './api/field-selector.js';
export { humanDuration } from './api/table/human-duration.js';

// Simulated cluster, kubelets and start()/stop() (src/sim, src/kubelet, src/kubesim.ts).
export { start } from './kubesim.js';
export type { Kubesim, KubesimNodeInfo, KubesimOptions } from './kubesim.js';
export { renderKubeconfig } from './kubeconfig.js';
export type { KubeconfigOptions } from './kubeconfig.js';
export { ClusterSimulation } from './sim/cluster-simulation.js';
export type { NodeSnapshot, PodSnapshot } from './sim/cluster-simulation.js';
export { resolveSimulationOptions } from './sim/options.js';
export type { ResolvedSimulationOptions, SimulationOptions } from './sim/options.js';
export { KUBELET_FAULT_KINDS, parseFaultSpec } from './sim/faults.js';
export type { ActiveFault, KubeletFaultKind, KubeletFaultSpec } from './sim/faults.js';
export type { FaultRequest, FaultState, FaultSwitchboard } from './sim/fault-controller.js';
export { groundTruth } from './sim/ground-truth.js';
export type {
  ContainerTruth,
  CpuTruth,
  GroundTruth,
  NodeTruth,
  PodTruth,
  SystemContainerTruth,
  TruthFilter,
} from './sim/ground-truth.js';
export { SUMMARY_SCHEMA, validateAgainst, validateSummary } from './kubelet/summary-schema.js';
export type { Field, Schema } from './kubelet/summary-schema.js';
export type { KubeletRequestLogEntry } from './kubelet/kubelet-handler.js';
