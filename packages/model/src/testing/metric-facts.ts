import type { EntityTypeName } from '../entity-type.js';
import type { MetricDescriptor, MetricFamily } from '../catalogue/metric-descriptor.js';
import { STATIC_METRICS } from '../catalogue/static-metrics.js';

/**
 * A metric's facts in the notation of heapster.md §1, so that family tests read like the
 * reference table: levels as "C P N Nd Cl S", sums as "pod ns node cluster".
 */
export interface MetricFacts {
  readonly type: MetricDescriptor['type'];
  readonly valueType: MetricDescriptor['valueType'];
  readonly units: MetricDescriptor['units'];
  readonly levels: string;
  readonly labels?: readonly string[];
  readonly rate?: string;
  readonly rateOf?: string;
  readonly legacyOnly?: true;
  readonly beyondHeapster?: true;
  readonly summed: string;
}

const SHORT: Record<EntityTypeName, string> = {
  pod_container: 'C',
  pod: 'P',
  ns: 'N',
  node: 'Nd',
  cluster: 'Cl',
  sys_container: 'S',
};

export function factsOf(metric: MetricDescriptor): MetricFacts {
  const summed = (['pod', 'namespace', 'node', 'cluster'] as const)
    .filter(level => metric.aggregation[level])
    .map(level => (level === 'namespace' ? 'ns' : level))
    .join(' ');
  return {
    type: metric.type,
    valueType: metric.valueType,
    units: metric.units,
    levels: metric.levels.map(level => SHORT[level]).join(' '),
    ...(metric.labelKeys.length > 0 ? { labels: metric.labelKeys } : {}),
    ...(metric.rate !== undefined ? { rate: metric.rate } : {}),
    ...(metric.rateOf !== undefined ? { rateOf: metric.rateOf } : {}),
    ...(metric.legacyOnly === true ? { legacyOnly: true as const } : {}),
    ...(metric.beyondHeapster === true ? { beyondHeapster: true as const } : {}),
    summed,
  };
}

/** The static metrics of one family, by name. */
export function familyFacts(family: MetricFamily): Record<string, MetricFacts> {
  return Object.fromEntries(
    STATIC_METRICS.filter(metric => metric.family === family).map(metric => [
      metric.name,
      factsOf(metric),
    ]),
  );
}
