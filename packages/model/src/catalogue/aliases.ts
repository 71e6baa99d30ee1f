/**
 * Names the deprecated model API still accepted in place of the real metric names
 * (`metrics/api/v1/model_handlers.go` deprecatedMetricNamesConversion).
 */
export const DEPRECATED_METRIC_ALIASES: ReadonlyMap<string, string> = new Map([
  ['cpu-usage', 'cpu/usage_rate'],
  ['cpu-limit', 'cpu/limit'],
  ['memory-limit', 'memory/limit'],
  ['memory-usage', 'memory/usage'],
  ['memory-working', 'memory/working_set'],
]);

/** The metric a model-API name refers to: an alias is translated, any other name is kept. */
export function resolveMetricAlias(name: string): string {
  return DEPRECATED_METRIC_ALIASES.get(name) ?? name;
}
