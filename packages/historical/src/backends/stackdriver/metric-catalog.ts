import { EntityType } from '@heapster/model';
import {
  DERIVED_EVICTABLE,
  DERIVED_MINOR_FAULTS,
  legacyLabeledTable,
  legacyTable,
  newModelLabeledTable,
  newModelTable,
  type LabeledMapping,
  type SeriesMapping,
} from '@heapster/sink-stackdriver';

/** Where the sink stores a series: the resource it writes it on. */
export type StoredLevel = 'container' | 'pod' | 'node' | 'node_daemon' | 'legacy';

/** The monitored resource type of each stored level (the sink's resources.ts). */
export const RESOURCE_TYPES: Readonly<Record<StoredLevel, string>> = {
  container: 'k8s_container',
  pod: 'k8s_pod',
  node: 'k8s_node',
  node_daemon: 'k8s_node',
  legacy: 'gke_container',
};

/**
 * How an entity's value of one Heapster metric is read back. `gauge`: a stored gauge, read raw
 * or with per-bucket aligners; `cumulative`: a stored counter, read raw; `rate`: ALIGN_RATE of
 * a stored counter. `summed`: the value is, at each time, the sum of several stored series
 * (a pod's containers, a namespace, the cluster, both memory types of memory/usage).
 */
export interface MetricRecipe {
  readonly stored: StoredLevel;
  readonly metricType: string;
  /** Metric labels every series read must carry (memory_type, fault_type, resource_name). */
  readonly metricLabels: Readonly<Record<string, string>>;
  readonly read: 'gauge' | 'cumulative' | 'rate';
  /** Cloud Monitoring's value × factor = Heapster's (the sink divides by the same numbers). */
  readonly factor: number;
  readonly summed: boolean;
  /** Labeled metrics: the sink's own translation of `labels=` pairs into metric labels. */
  readonly labeled?: LabeledMapping;
}

export type MetricCatalog = ReadonlyMap<string, MetricRecipe>;

type Table = ReadonlyMap<string, readonly SeriesMapping[]>;

/** Heapster's rates, from the counter they are the rate of (× scale: ns/s → millicores). */
const RATES: readonly (readonly [rate: string, counter: string, scale: number])[] = [
  ['cpu/usage_rate', 'cpu/usage', 1e-6],
  ['network/rx_rate', 'network/rx', 1],
  ['network/tx_rate', 'network/tx', 1],
  ['memory/major_page_faults_rate', 'memory/major_page_faults', 1],
];

/**
 * Heapster metrics that are the sum over one metric label of a series the sink splits: usage
 * = working set + evictable, all page faults = major + minor.
 */
const LABEL_SUMS: readonly (readonly [name: string, part: string, label: string])[] = [
  ['memory/usage', 'memory/working_set', 'memory_type'],
  ['memory/page_faults_rate', 'memory/major_page_faults_rate', 'fault_type'],
];

/** Names the sink uses internally for its derived halves; not Heapster metrics. */
const INTERNAL: ReadonlySet<string> = new Set([DERIVED_EVICTABLE, DERIVED_MINOR_FAULTS]);

/** Not meaningful as a sum over containers or pods. */
const NOT_SUMMABLE: ReadonlySet<string> = new Set(['uptime']);

/** What the sink stores at one level, readable as Heapster metrics of that level's entity. */
function storedCatalog(
  stored: StoredLevel,
  table: Table,
  labeled: ReadonlyMap<string, LabeledMapping>,
): Map<string, MetricRecipe> {
  const catalog = new Map<string, MetricRecipe>();
  const direct = (mapping: SeriesMapping, extra: Partial<MetricRecipe> = {}): MetricRecipe => ({
    stored,
    metricType: mapping.type,
    metricLabels: mapping.labels ?? {},
    read: mapping.kind === 'GAUGE' ? 'gauge' : 'cumulative',
    factor: mapping.divisor,
    summed: false,
    ...extra,
  });
  for (const [name, mappings] of table) {
    const mapping = mappings[0];
    if (mapping !== undefined && !INTERNAL.has(name)) catalog.set(name, direct(mapping));
  }
  for (const [name, mapping] of labeled) catalog.set(name, direct(mapping, { labeled: mapping }));
  for (const [rate, counter, scale] of RATES) {
    const recipe = catalog.get(counter);
    if (recipe?.read === 'cumulative') {
      catalog.set(rate, { ...recipe, read: 'rate', factor: recipe.factor * scale });
    }
  }
  for (const [name, part, label] of LABEL_SUMS) {
    const recipe = catalog.get(part);
    if (recipe === undefined || !(label in recipe.metricLabels)) continue;
    const { [label]: _dropped, ...metricLabels } = recipe.metricLabels;
    catalog.set(name, { ...recipe, metricLabels, summed: true });
  }
  return catalog;
}

/** The recipes that add up over several entities (gauges and rates), as sums. */
function summedCatalog(catalog: ReadonlyMap<string, MetricRecipe>): Map<string, MetricRecipe> {
  const summed = new Map<string, MetricRecipe>();
  for (const [name, recipe] of catalog) {
    if (recipe.read === 'cumulative' || NOT_SUMMABLE.has(name)) continue;
    summed.set(name, { ...recipe, summed: true });
  }
  return summed;
}

const CONTAINER = storedCatalog(
  'container',
  newModelTable(EntityType.PodContainer),
  newModelLabeledTable(EntityType.PodContainer),
);
const POD = storedCatalog(
  'pod',
  newModelTable(EntityType.Pod),
  newModelLabeledTable(EntityType.Pod),
);
const NODE = storedCatalog('node', newModelTable(EntityType.Node), new Map());
const NODE_DAEMON = storedCatalog('node_daemon', newModelTable(EntityType.SysContainer), new Map());
/** Accelerators are per container; Heapster never aggregated them. */
const CONTAINER_SUMS = summedCatalog(
  new Map([...CONTAINER].filter(([, recipe]) => recipe.labeled === undefined)),
);
/** Pods: their own series (network, volumes) first, then their containers' sums. */
const POD_LEVEL: MetricCatalog = new Map([...CONTAINER_SUMS, ...POD]);
/** Namespaces and the cluster: sums of pod and container series. */
const SUMS_LEVEL: MetricCatalog = new Map([...CONTAINER_SUMS, ...summedCatalog(POD)]);

const LEGACY_POD = storedCatalog(
  'legacy',
  legacyTable(EntityType.Pod),
  legacyLabeledTable(EntityType.Pod),
);
const LEGACY_CONTAINER = storedCatalog(
  'legacy',
  legacyTable(EntityType.PodContainer),
  legacyLabeledTable(EntityType.PodContainer),
);

/** The new resource model's catalog for an entity type (name-based routes). */
export function newModelCatalog(type: string): MetricCatalog {
  switch (type) {
    case 'pod_container':
      return CONTAINER;
    case 'pod':
      return POD_LEVEL;
    case 'node':
      return NODE;
    case 'sys_container':
      return NODE_DAEMON;
    default:
      return SUMS_LEVEL;
  }
}

/** The legacy model's catalog (pod-UID routes: pods and their containers). */
export function legacyCatalog(type: string): MetricCatalog {
  return type === 'pod_container' ? LEGACY_CONTAINER : LEGACY_POD;
}
