import { STATIC_METRICS } from '@heapster/model';

/**
 * How Heapster metric names became series names in the PromQL engine:
 *
 * - `influx` (default): VictoriaMetrics' mapping of the influxdb sink's default schema written
 *   through the v2 API, `<measurement>_<field>` = `cpu/usage_rate_value`;
 * - `withfields`: the same for `withfields=true`, `cpu_usage_rate`, `uptime_value`;
 * - `plain`: the metric name itself (VictoriaMetrics with `-influxSkipSingleField`);
 * - `prometheus`: `<prefix>` + the name with every character outside [a-zA-Z0-9_:] as `_`
 *   (`heapster_cpu_usage_rate`), the usual remote-write spelling.
 */
export type NamingSchema = 'influx' | 'withfields' | 'plain' | 'prometheus';

export const NAMING_SCHEMAS: readonly NamingSchema[] = [
  'influx',
  'withfields',
  'plain',
  'prometheus',
];

export interface MetricNaming {
  readonly schema: NamingSchema;
  /** VictoriaMetrics' -influxMeasurementFieldSeparator (default `_`). */
  readonly separator: string;
  /** `prometheus` schema only. */
  readonly prefix: string;
}

/** The series name (`__name__`) a Heapster metric is stored under. */
export function seriesName(metric: string, naming: MetricNaming): string {
  const sep = naming.separator;
  switch (naming.schema) {
    case 'influx':
      return `${metric}${sep}value`;
    case 'withfields': {
      const slash = metric.indexOf('/');
      return slash < 0
        ? `${metric}${sep}value`
        : `${metric.slice(0, slash)}${sep}${metric.slice(slash + 1)}`;
    }
    case 'plain':
      return metric;
    case 'prometheus':
      return `${naming.prefix}${metric.replace(/[^a-zA-Z0-9_:]/g, '_')}`;
  }
}

/**
 * The Heapster metric a series name stands for, or undefined when the name is not one of
 * ours. Catalogue names are matched exactly (mappings such as `ephemeral_storage_usage` are
 * ambiguous by themselves); other names are undone by the schema's rule.
 */
export function metricOfSeries(name: string, naming: MetricNaming): string | undefined {
  for (const metric of STATIC_METRICS) {
    if (seriesName(metric.name, naming) === name) return metric.name;
  }
  const sep = naming.separator;
  const valueSuffix = `${sep}value`;
  switch (naming.schema) {
    case 'influx':
      return name.endsWith(valueSuffix) && name.length > valueSuffix.length
        ? name.slice(0, -valueSuffix.length)
        : undefined;
    case 'withfields': {
      if (name.endsWith(valueSuffix)) return name.slice(0, -valueSuffix.length);
      const at = name.indexOf(sep);
      return at <= 0 ? undefined : `${name.slice(0, at)}/${name.slice(at + sep.length)}`;
    }
    case 'plain':
      return name;
    case 'prometheus':
      return name.startsWith(naming.prefix) && name.length > naming.prefix.length
        ? name.slice(naming.prefix.length)
        : undefined;
  }
}
