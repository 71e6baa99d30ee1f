import type { HistoricalMetricQuery, HistoricalSelector } from '@heapster/sink';

/** The label each selector field matches (the influxdb sink's tags become labels). */
export const ENTITY_LABELS = {
  node: 'nodename',
  namespace: 'namespace_name',
  pod: 'pod_name',
  pod_id: 'pod_id',
  container: 'container_name',
} as const;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Whether a label key can appear in a PromQL selector at all. */
export function isLabelName(key: string): boolean {
  return LABEL_NAME.test(key);
}

/** A PromQL string literal: JSON's escaping is valid PromQL (Go) escaping. */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** An RE2 pattern matching exactly one of `values` (PromQL regexes are anchored). */
export function alternatives(values: readonly string[]): string {
  return values.map(value => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/**
 * `{__name__="…", type="pod", namespace_name="…", pod_name=~"a|b", …}`. Label keys from the
 * request are checked by the caller (isLabelName); values are always quoted here.
 */
export function selectorText(
  selector: HistoricalSelector,
  seriesName: string | undefined,
  clusterName: string | undefined,
): string {
  const matchers: string[] = [];
  const equal = (label: string, value: string): void => {
    matchers.push(`${label}=${promString(value)}`);
  };
  const oneOf = (label: string, values: readonly string[]): void => {
    if (values.length === 1) equal(label, values[0] as string);
    else matchers.push(`${label}=~${promString(alternatives(values))}`);
  };
  if (seriesName !== undefined) equal('__name__', seriesName);
  equal('type', selector.type);
  if (selector.namespace !== undefined) equal(ENTITY_LABELS.namespace, selector.namespace);
  if (selector.node !== undefined) equal(ENTITY_LABELS.node, selector.node);
  if (selector.pods !== undefined) oneOf(ENTITY_LABELS.pod, selector.pods);
  if (selector.podIds !== undefined) oneOf(ENTITY_LABELS.pod_id, selector.podIds);
  if (selector.container !== undefined) equal(ENTITY_LABELS.container, selector.container);
  for (const [key, value] of Object.entries(selector.labels ?? {})) equal(key, value);
  if (clusterName !== undefined) equal('cluster_name', clusterName);
  return `{${matchers.join(',')}}`;
}

/** The label a grouped query's results are told apart by. */
export function groupLabel(query: HistoricalMetricQuery): string | undefined {
  if (query.groupBy === undefined) return undefined;
  return query.groupBy === 'pod' ? ENTITY_LABELS.pod : ENTITY_LABELS.pod_id;
}

/** A PromQL duration in whole milliseconds (`3600000ms`). */
export function windowText(ms: number): string {
  return `${Math.max(1, Math.trunc(ms))}ms`;
}

/** Epoch ms as the API's seconds with millisecond decimals. */
export function promTime(ms: number): string {
  return (ms / 1000).toFixed(3);
}
