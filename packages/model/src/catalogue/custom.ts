import type { MetricSpec, MetricType, MetricUnits, MetricValueType } from './metric-descriptor.js';
import { C, levels, NO_KEYS, P, POD_SUM, S } from './levels.js';

/** Prefix of application metrics: `custom/<name>`. */
export const CUSTOM_METRIC_PREFIX = 'custom/';

const CUSTOM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$/;
const MAX_CUSTOM_NAME = 200;

/** What a caller knows about a dynamic metric when it first sees it. */
export interface MetricTemplate {
  /** Defaults to gauge. */
  readonly type?: MetricType;
  /** Defaults to double (the summary API reports custom values as floats). */
  readonly valueType?: MetricValueType;
  readonly units?: MetricUnits;
  readonly description?: string;
}

const METRIC_TYPES: readonly MetricType[] = ['cumulative', 'gauge', 'delta'];

/** Why `name` (the part after `custom/`) is not acceptable, or undefined when it is. */
export function customNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name after custom/ is empty';
  if (name.length > MAX_CUSTOM_NAME)
    return `the name after custom/ is longer than ${MAX_CUSTOM_NAME} characters`;
  if (!CUSTOM_NAME.test(name)) {
    return 'the name after custom/ may hold letters, digits, "_", ".", ":", "-" and "/", starting with a letter, digit or "_"';
  }
  return undefined;
}

/**
 * The descriptor of a dynamic `custom/<name>` metric: the kubelet's userDefinedMetrics (or
 * cAdvisor custom metrics on the legacy source). Heapster's pod aggregator sums them into the
 * pod whatever their type, since only standard kubelet counters are exempt.
 */
export function customMetricSpec(name: string, template: MetricTemplate = {}): MetricSpec {
  const type = template.type ?? 'gauge';
  if (!METRIC_TYPES.includes(type)) {
    throw new RangeError(`type "${String(type)}" is not one of ${METRIC_TYPES.join(', ')}`);
  }
  return {
    name,
    family: 'custom',
    type,
    valueType: template.valueType ?? 'double',
    units: template.units ?? 'count',
    description: template.description ?? 'Application metric reported by the container.',
    levels: levels(C, P, S),
    labelKeys: NO_KEYS,
    dynamic: true,
    aggregation: POD_SUM,
    origin:
      'summary containers[].userDefinedMetrics[] (legacy source: cAdvisor custom metrics, newest sample)',
  };
}
