import type { MetricDescriptor } from '@heapster/model';

/** Every exposed metric name starts with this, so that our series never collide with others'. */
export const EXPOSITION_PREFIX = 'heapster_';

/**
 * Heapster's metric name as a Prometheus metric name: `heapster_` + the name with every
 * character outside `[a-zA-Z0-9_]` replaced by `_` (`cpu/usage_rate` → `heapster_cpu_usage_rate`,
 * `nvidia.com/gpu/request` → `heapster_nvidia_com_gpu_request`); cumulative metrics are
 * counters and get Prometheus' `_total` suffix (`cpu/usage` → `heapster_cpu_usage_total`).
 */
export function prometheusMetricName(metric: Pick<MetricDescriptor, 'name' | 'type'>): string {
  const base = `${EXPOSITION_PREFIX}${metric.name.replace(/[^a-zA-Z0-9_]/g, '_')}`;
  return metric.type === 'cumulative' && !base.endsWith('_total') ? `${base}_total` : base;
}

/** The Prometheus type of a Heapster metric type: cumulative → counter, gauge and delta → gauge. */
export function prometheusType(metric: Pick<MetricDescriptor, 'type'>): 'counter' | 'gauge' {
  return metric.type === 'cumulative' ? 'counter' : 'gauge';
}

/**
 * A label key as a Prometheus label name: invalid characters become `_`, a leading digit gets
 * a `_` in front, and the reserved `__` prefix is avoided. Heapster's own keys are valid as
 * they are; this only matters for labels of custom metrics.
 */
export function prometheusLabelName(key: string): string {
  let name = key.replace(/[^a-zA-Z0-9_]/g, '_');
  if (name === '' || /^[0-9]/.test(name)) name = `_${name}`;
  return name.startsWith('__') ? `label${name}` : name;
}

const NEEDS_ESCAPE = /[\\"\n]/;

/** A label value in the text format: backslash, double quote and newline escaped. */
export function escapeLabelValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: backslash and newline escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value in the text format (Go's ParseFloat reads JavaScript's number text). */
export function formatSampleValue(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Inf' : '-Inf';
}
