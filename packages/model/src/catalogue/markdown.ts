import { ENTITY_TYPES, entityKey, entityTypeName, type EntityTypeName } from '../entity-type.js';
import { DEPRECATED_METRIC_ALIASES } from './aliases.js';
import { customMetricSpec } from './custom.js';
import { ENTITY_TYPE_KEY_LABELS } from './entity-key-labels.js';
import type { LabelDescriptor } from './label-descriptor.js';
import { REMOVED_LABELS, STATIC_LABELS } from './labels.js';
import type {
  MetricAggregation,
  MetricDescriptor,
  MetricFamily,
  MetricSpec,
} from './metric-descriptor.js';
import { RATE_MAPPINGS } from './rates.js';
import { resourceRequestSpec } from './resources.js';
import { FAMILY_ORDER, STATIC_FAMILIES, STATIC_METRICS } from './static-metrics.js';

const FAMILY_TITLES: Readonly<Record<MetricFamily, string>> = {
  uptime: 'Uptime (`uptime`)',
  restart_count: 'Restarts (`restart_count`)',
  cpu: 'CPU (`cpu/*`)',
  memory: 'Memory (`memory/*`)',
  network: 'Network (`network/*`)',
  filesystem: 'Filesystems (`filesystem/*`, labeled)',
  ephemeral_storage: 'Ephemeral storage (`ephemeral_storage/*`)',
  accelerator: 'Accelerators (`accelerator/*`, labeled)',
  disk: 'Disk I/O (`disk/*`, labeled, legacy source only)',
  resource: 'Extended-resource requests (`<resource>/request`, dynamic)',
  custom: 'Application metrics (`custom/<name>`, dynamic)',
};

const SHORT: Readonly<Record<EntityTypeName, string>> = {
  pod_container: 'C',
  pod: 'P',
  ns: 'N',
  node: 'Nd',
  cluster: 'Cl',
  sys_container: 'S',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function code(text: string): string {
  return `\`${text}\``;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(row => `| ${row.map(cell).join(' | ')} |`),
  ];
}

function levelList(levels: readonly EntityTypeName[]): string {
  return levels.length === 0 ? '–' : levels.map(level => SHORT[level]).join(', ');
}

function summedInto(aggregation: MetricAggregation): string {
  const into = (['pod', 'namespace', 'node', 'cluster'] as const).filter(
    level => aggregation[level],
  );
  return into.length === 0 ? '–' : into.join(', ');
}

function twin(metric: MetricSpec): string {
  if (metric.rate !== undefined) return `rate: ${code(metric.rate)}`;
  if (metric.rateOf !== undefined) return `rate of ${code(metric.rateOf)}`;
  return '–';
}

function description(metric: MetricSpec): string {
  return metric.legacyOnly === true
    ? `${metric.description} *(legacy source only)*`
    : metric.description;
}

const METRIC_HEADER = [
  'Name',
  'Type',
  'Value type',
  'Units',
  'Levels',
  'Labels',
  'Rate twin',
  'Summed into',
  'Description',
  'Origin',
];

function metricRow(metric: MetricSpec): string[] {
  return [
    code(metric.name),
    metric.type,
    metric.valueType,
    metric.units,
    levelList(metric.levels),
    metric.labelKeys.length === 0 ? '–' : metric.labelKeys.map(code).join(', '),
    twin(metric),
    summedInto(metric.aggregation),
    description(metric),
    metric.origin,
  ];
}

// Rows follow the family files (usage, rates, spec, node ratios), not the ids.
const DOC_ORDER = new Map(STATIC_FAMILIES.flat().map((metric, index) => [metric.name, index]));

function docOrder(metric: MetricDescriptor): number {
  return DOC_ORDER.get(metric.name) ?? DOC_ORDER.size + metric.id;
}

function familySections(metrics: readonly MetricDescriptor[]): string[] {
  const lines: string[] = [];
  for (const family of FAMILY_ORDER) {
    const members = metrics
      .filter(metric => metric.family === family && metric.dynamic !== true)
      .sort((a, b) => docOrder(a) - docOrder(b));
    if (members.length === 0) continue;
    lines.push(
      `### ${FAMILY_TITLES[family]}`,
      '',
      ...table(METRIC_HEADER, members.map(metricRow)),
      '',
    );
  }
  return lines;
}

function dynamicSection(): string[] {
  return [
    '## Dynamic metrics',
    '',
    'Registered on first sight (`MetricCatalogue.ensure`) and numbered after the built-in ones.',
    '',
    '* `<resource>/request`: every container request other than `cpu`, `memory` and `ephemeral-storage`',
    "  (`nvidia.com/gpu/request`; Heapster's docs call that one `accelerator/request`). The resource must be",
    '  a Kubernetes qualified name (`[prefix/]name`, name part ≤ 63 characters, prefix a DNS subdomain).',
    "* `custom/<name>`: application metrics from the kubelet's `userDefinedMetrics`; the caller gives the",
    '  type (gauge, cumulative or delta; gauge by default). Names hold letters, digits, `_ . : - /`.',
    '',
    ...table(METRIC_HEADER, [
      metricRow(resourceRequestSpec('nvidia.com/gpu')),
      metricRow({ ...customMetricSpec('custom/<name>'), type: 'gauge' }),
    ]),
    '',
  ];
}

function rateSection(): string[] {
  const rows = RATE_MAPPINGS.map(mapping => [
    code(mapping.cumulative),
    code(mapping.rate),
    `${mapping.scale === 1000 ? '1000' : '1e9'} × Δvalue / Δt(ns)${mapping.integer ? ', integer division' : ''}` +
      `${mapping.labeled ? ', per `resource_id`' : ''}`,
  ]);
  return ['## Rates', '', ...table(['Cumulative', 'Rate', 'Computed as'], rows), ''];
}

function aliasSection(): string[] {
  const rows = [...DEPRECATED_METRIC_ALIASES].map(([alias, name]) => [code(alias), code(name)]);
  return [
    '## Deprecated model-API names',
    '',
    'The model API (`/api/v1/model`) also accepts these old names.',
    '',
    ...table(['Alias', 'Metric'], rows),
    '',
  ];
}

function labelKind(label: LabelDescriptor): string {
  if (label.sinkSide === true) return 'added by sinks';
  if (label.perSeries === true) return 'per series of a labeled metric';
  if (label.legacyOnly === true) return 'metric set (legacy source only)';
  return 'metric set';
}

function labelSection(labels: readonly LabelDescriptor[]): string[] {
  const rows = labels.map(label => [
    code(label.key),
    levelList(label.levels),
    labelKind(label),
    label.description,
  ]);
  return [
    '## Labels',
    '',
    ...table(['Label', 'Levels', 'Kind', 'Description'], rows),
    '',
    `Each \`--store_label name\` (or \`newName=name\`) adds a label copied from pod or node labels (levels C, P, Nd).`,
    `Removed labels: ${REMOVED_LABELS.map(code).join(', ')}.`,
    '',
  ];
}

function entitySection(): string[] {
  const placeholders = {
    namespace: '<namespace>',
    pod: '<pod>',
    container: '<container>',
    node: '<node>',
  };
  const rows = ENTITY_TYPES.map(type => {
    const name = entityTypeName(type);
    const keys = ENTITY_TYPE_KEY_LABELS[name];
    return [
      code(name),
      SHORT[name],
      code(entityKey(type, placeholders)),
      keys.length === 0 ? '– (`type` alone)' : keys.map(code).join(', '),
    ];
  });
  return [
    '## Entity types',
    '',
    ...table(['`type` label', 'Short', 'Metric-set key', 'Identifying labels'], rows),
    '',
  ];
}

/** docs/metrics.md, generated from the catalogue so that the two cannot drift apart. */
export function renderMetricsMarkdown(
  metrics: readonly MetricDescriptor[] = STATIC_METRICS,
  labels: readonly LabelDescriptor[] = STATIC_LABELS,
): string {
  const lines = [
    '# Metrics and labels',
    '',
    '<!-- Generated from packages/model/src/catalogue by `npm run docs -w @heapster/model`. Do not edit. -->',
    '',
    'Every metric Heapster exported keeps its exact name. Rows marked *Beyond Heapster* are additions of',
    'this rebuild. Levels: C = `pod_container`, P = `pod`, N = `ns`, Nd = `node`, Cl = `cluster`,',
    'S = `sys_container`, as produced with the kubelet summary source. "Summed into" lists where',
    "Heapster's aggregators add the values up (pod = containers into their pod, namespace = pods into",
    'their namespace, node = pods into their node, cluster = namespaces into the cluster).',
    '',
    '## Built-in metrics',
    '',
    ...familySections(metrics),
    ...dynamicSection(),
    ...rateSection(),
    ...aliasSection(),
    ...labelSection(labels),
    ...entitySection(),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
