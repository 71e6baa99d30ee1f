import { EntityType, type LabelPair } from '@heapster/model';

export type MetricKind = 'GAUGE' | 'CUMULATIVE';
export type ValueType = 'INT64' | 'DOUBLE';

/**
 * Where one Heapster value goes in Cloud Monitoring. Names, kinds and units follow Heapster's
 * `metrics/sinks/stackdriver/metadata.go` and `stackdriver.go` (the GKE system metrics);
 * mappings marked "beyond Heapster" in the README use metric types GKE defines that Heapster
 * declared or computed but did not send.
 */
export interface SeriesMapping {
  readonly type: string;
  readonly kind: MetricKind;
  readonly valueType: ValueType;
  /** Divides the Heapster value (ns → s, ms → s, millicores → cores); division keeps 120e9 ns exactly 120 s. */
  readonly divisor: number;
  /** Fixed metric labels (memory_type, fault_type, resource_name). */
  readonly labels?: Readonly<Record<string, string>>;
  /** On cumulatives: the interval start (`collection` = CollectionStartTime, `create` = entity start). */
  readonly start?: 'collection' | 'create';
  /** node_daemon series carry the system container's name as the `component` label. */
  readonly component?: true;
}

/** A labeled metric's mapping: the series labels come from the value's label set. */
export interface LabeledMapping extends SeriesMapping {
  /** The metric labels of one value, or undefined to skip it (e.g. a pod filesystem that is not a volume). */
  seriesLabels(pairs: readonly LabelPair[]): Record<string, string> | undefined;
}

/** Heapster's derived metrics (`computeDerivedMetrics`): usage − working set, faults − major faults. */
export const DERIVED_EVICTABLE = 'memory/bytes_used';
export const DERIVED_MINOR_FAULTS = 'memory/minor_page_faults';
export const GPU_REQUEST = 'nvidia.com/gpu/request';

const K8S = 'kubernetes.io';
const LEGACY = 'container.googleapis.com/container';
const NS_TO_S = 1e9;
const MS_TO_S = 1000;
const MILLI = 1000;

function gauge(
  type: string,
  valueType: ValueType,
  divisor = 1,
  labels?: Record<string, string>,
): SeriesMapping {
  return { type, kind: 'GAUGE', valueType, divisor, ...(labels ? { labels } : {}) };
}

function counter(
  type: string,
  valueType: ValueType,
  divisor = 1,
  labels?: Record<string, string>,
  start: 'collection' | 'create' = 'collection',
): SeriesMapping {
  return { type, kind: 'CUMULATIVE', valueType, divisor, start, ...(labels ? { labels } : {}) };
}

const EVICTABLE = { memory_type: 'evictable' };
const NON_EVICTABLE = { memory_type: 'non-evictable' };
const GPU = { resource_name: 'nvidia.com/gpu' };

function labelOf(pairs: readonly LabelPair[], key: string): string {
  return pairs.find(pair => pair.key === key)?.value ?? '';
}

function volume(mapping: SeriesMapping): LabeledMapping {
  return {
    ...mapping,
    seriesLabels: pairs => {
      const id = labelOf(pairs, 'resource_id');
      return id.startsWith('Volume:') ? { volume_name: id.slice('Volume:'.length) } : undefined;
    },
  };
}

function accelerator(mapping: SeriesMapping): LabeledMapping {
  return {
    ...mapping,
    seriesLabels: pairs => ({
      make: labelOf(pairs, 'make'),
      model: labelOf(pairs, 'model'),
      accelerator_id: labelOf(pairs, 'accelerator_id'),
    }),
  };
}

function device(mapping: SeriesMapping): LabeledMapping {
  return { ...mapping, seriesLabels: pairs => ({ device_name: labelOf(pairs, 'resource_id') }) };
}

type Table = ReadonlyMap<string, readonly SeriesMapping[]>;
type LabeledTable = ReadonlyMap<string, LabeledMapping>;

const CONTAINER: Table = new Map([
  ['uptime', [gauge(`${K8S}/container/uptime`, 'DOUBLE', MS_TO_S)]],
  ['cpu/usage', [counter(`${K8S}/container/cpu/core_usage_time`, 'DOUBLE', NS_TO_S)]],
  ['cpu/request', [gauge(`${K8S}/container/cpu/request_cores`, 'DOUBLE', MILLI)]],
  ['cpu/limit', [gauge(`${K8S}/container/cpu/limit_cores`, 'DOUBLE', MILLI)]],
  ['memory/working_set', [gauge(`${K8S}/container/memory/used_bytes`, 'INT64', 1, NON_EVICTABLE)]],
  [DERIVED_EVICTABLE, [gauge(`${K8S}/container/memory/used_bytes`, 'INT64', 1, EVICTABLE)]],
  ['memory/request', [gauge(`${K8S}/container/memory/request_bytes`, 'INT64')]],
  ['memory/limit', [gauge(`${K8S}/container/memory/limit_bytes`, 'INT64')]],
  [
    'memory/major_page_faults',
    [counter(`${K8S}/container/memory/page_fault_count`, 'INT64', 1, { fault_type: 'major' })],
  ],
  [
    DERIVED_MINOR_FAULTS,
    [counter(`${K8S}/container/memory/page_fault_count`, 'INT64', 1, { fault_type: 'minor' })],
  ],
  ['ephemeral_storage/usage', [gauge(`${K8S}/container/ephemeral_storage/used_bytes`, 'INT64')]],
  [
    'ephemeral_storage/request',
    [gauge(`${K8S}/container/ephemeral_storage/request_bytes`, 'INT64')],
  ],
  ['ephemeral_storage/limit', [gauge(`${K8S}/container/ephemeral_storage/limit_bytes`, 'INT64')]],
  [GPU_REQUEST, [gauge(`${K8S}/container/accelerator/request`, 'INT64', 1, GPU)]],
  ['restart_count', [counter(`${K8S}/container/restart_count`, 'INT64', 1, undefined, 'create')]],
]);

const POD: Table = new Map([
  ['network/rx', [counter(`${K8S}/pod/network/received_bytes_count`, 'INT64')]],
  ['network/tx', [counter(`${K8S}/pod/network/sent_bytes_count`, 'INT64')]],
]);

const NODE: Table = new Map([
  ['cpu/usage', [counter(`${K8S}/node/cpu/core_usage_time`, 'DOUBLE', NS_TO_S)]],
  ['cpu/node_capacity', [gauge(`${K8S}/node/cpu/total_cores`, 'DOUBLE', MILLI)]],
  ['cpu/node_allocatable', [gauge(`${K8S}/node/cpu/allocatable_cores`, 'DOUBLE', MILLI)]],
  ['memory/working_set', [gauge(`${K8S}/node/memory/used_bytes`, 'INT64', 1, NON_EVICTABLE)]],
  [DERIVED_EVICTABLE, [gauge(`${K8S}/node/memory/used_bytes`, 'INT64', 1, EVICTABLE)]],
  ['memory/node_capacity', [gauge(`${K8S}/node/memory/total_bytes`, 'INT64')]],
  ['memory/node_allocatable', [gauge(`${K8S}/node/memory/allocatable_bytes`, 'INT64')]],
  ['network/rx', [counter(`${K8S}/node/network/received_bytes_count`, 'INT64')]],
  ['network/tx', [counter(`${K8S}/node/network/sent_bytes_count`, 'INT64')]],
  ['ephemeral_storage/usage', [gauge(`${K8S}/node/ephemeral_storage/used_bytes`, 'INT64')]],
  [
    'ephemeral_storage/node_capacity',
    [gauge(`${K8S}/node/ephemeral_storage/total_bytes`, 'INT64')],
  ],
  [
    'ephemeral_storage/node_allocatable',
    [gauge(`${K8S}/node/ephemeral_storage/allocatable_bytes`, 'INT64')],
  ],
]);

const DAEMON = { component: true } as const;
const SYS_CONTAINER: Table = new Map([
  [
    'cpu/usage',
    [{ ...counter(`${K8S}/node_daemon/cpu/core_usage_time`, 'DOUBLE', NS_TO_S), ...DAEMON }],
  ],
  [
    'memory/working_set',
    [{ ...gauge(`${K8S}/node_daemon/memory/used_bytes`, 'INT64', 1, NON_EVICTABLE), ...DAEMON }],
  ],
  [
    DERIVED_EVICTABLE,
    [{ ...gauge(`${K8S}/node_daemon/memory/used_bytes`, 'INT64', 1, EVICTABLE), ...DAEMON }],
  ],
]);

const CONTAINER_LABELED: LabeledTable = new Map([
  [
    'accelerator/memory_total',
    accelerator(gauge(`${K8S}/container/accelerator/memory_total`, 'INT64')),
  ],
  [
    'accelerator/memory_used',
    accelerator(gauge(`${K8S}/container/accelerator/memory_used`, 'INT64')),
  ],
  [
    'accelerator/duty_cycle',
    accelerator(gauge(`${K8S}/container/accelerator/duty_cycle`, 'INT64')),
  ],
]);

const POD_LABELED: LabeledTable = new Map([
  ['filesystem/usage', volume(gauge(`${K8S}/pod/volume/used_bytes`, 'INT64'))],
  ['filesystem/limit', volume(gauge(`${K8S}/pod/volume/total_bytes`, 'INT64'))],
]);

const NONE: Table = new Map();
const NONE_LABELED: LabeledTable = new Map();

/** The new resource model, per entity type (namespaces and the cluster have no resource). */
export function newModelTable(type: EntityType): Table {
  switch (type) {
    case EntityType.PodContainer:
      return CONTAINER;
    case EntityType.Pod:
      return POD;
    case EntityType.Node:
      return NODE;
    case EntityType.SysContainer:
      return SYS_CONTAINER;
    default:
      return NONE;
  }
}

export function newModelLabeledTable(type: EntityType): LabeledTable {
  if (type === EntityType.PodContainer) return CONTAINER_LABELED;
  if (type === EntityType.Pod) return POD_LABELED;
  return NONE_LABELED;
}

const LEGACY_TABLE: Table = new Map([
  ['uptime', [counter(`${LEGACY}/uptime`, 'DOUBLE', MS_TO_S)]],
  ['cpu/limit', [gauge(`${LEGACY}/cpu/reserved_cores`, 'DOUBLE', MILLI)]],
  ['cpu/usage', [counter(`${LEGACY}/cpu/usage_time`, 'DOUBLE', NS_TO_S)]],
  ['network/rx', [counter(`${LEGACY}/network/received_bytes_count`, 'INT64')]],
  ['network/tx', [counter(`${LEGACY}/network/sent_bytes_count`, 'INT64')]],
  ['memory/limit', [gauge(`${LEGACY}/memory/bytes_total`, 'INT64')]],
  ['memory/node_allocatable', [gauge(`${LEGACY}/memory/bytes_total`, 'INT64')]],
  [
    'memory/major_page_faults',
    [counter(`${LEGACY}/memory/page_fault_count`, 'INT64', 1, { fault_type: 'major' })],
  ],
  [
    DERIVED_MINOR_FAULTS,
    [counter(`${LEGACY}/memory/page_fault_count`, 'INT64', 1, { fault_type: 'minor' })],
  ],
  [DERIVED_EVICTABLE, [gauge(`${LEGACY}/memory/bytes_used`, 'INT64', 1, EVICTABLE)]],
  ['memory/working_set', [gauge(`${LEGACY}/memory/bytes_used`, 'INT64', 1, NON_EVICTABLE)]],
  [GPU_REQUEST, [gauge(`${LEGACY}/accelerator/request`, 'INT64', 1, GPU)]],
]);

const LEGACY_NODE_TABLE: Table = new Map(
  [...LEGACY_TABLE].filter(([name]) => name !== 'memory/limit'),
);

const LEGACY_LABELED: LabeledTable = new Map([
  ['filesystem/usage', device(gauge(`${LEGACY}/disk/bytes_used`, 'INT64'))],
  ['filesystem/limit', device(gauge(`${LEGACY}/disk/bytes_total`, 'INT64'))],
  ['accelerator/memory_total', accelerator(gauge(`${LEGACY}/accelerator/memory_total`, 'INT64'))],
  ['accelerator/memory_used', accelerator(gauge(`${LEGACY}/accelerator/memory_used`, 'INT64'))],
  ['accelerator/duty_cycle', accelerator(gauge(`${LEGACY}/accelerator/duty_cycle`, 'INT64'))],
]);

const LEGACY_TYPES: ReadonlySet<EntityType> = new Set([
  EntityType.PodContainer,
  EntityType.Pod,
  EntityType.Node,
  EntityType.SysContainer,
]);

/**
 * The legacy model (gke_container): one table for every entity type. Heapster left out
 * memory/limit on nodes (memory/node_allocatable is their bytes_total instead).
 */
export function legacyTable(type: EntityType): Table {
  if (type === EntityType.Node) return LEGACY_NODE_TABLE;
  return LEGACY_TYPES.has(type) ? LEGACY_TABLE : NONE;
}

export function legacyLabeledTable(type: EntityType): LabeledTable {
  return LEGACY_TYPES.has(type) ? LEGACY_LABELED : NONE_LABELED;
}
