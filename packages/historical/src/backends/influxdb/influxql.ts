import type {
  HistoricalAggregationRequest,
  HistoricalMetricQuery,
  HistoricalSelector,
  HistoricalTimeRange,
} from '@heapster/sink';

/**
 * InfluxQL text for the historical queries, over the influxdb sink's schema (heapster.md §5.2):
 * measurement = metric name and field `value`, or with `withfields` measurement = the text
 * before the first `/` and field = the rest; tags `type`, `nodename`, `namespace_name`,
 * `pod_name`, `pod_id`, `container_name`, labeled-metric labels, `cluster_name`.
 * Every name and value is quoted and escaped here: nothing from a request reaches a query raw.
 */
export interface InfluxSchema {
  readonly withFields: boolean;
  /** `db`.`rp` to read (1.x: the sink's "default" policy), or just the measurement (2.x/3.x). */
  readonly database: string | undefined;
  readonly retentionPolicy: string | undefined;
  /** Only points with this cluster_name tag (when the source URI names one). */
  readonly clusterName: string | undefined;
}

/** The tag each selector field matches. */
export const ENTITY_TAGS = {
  node: 'nodename',
  namespace: 'namespace_name',
  pod: 'pod_name',
  pod_id: 'pod_id',
  container: 'container_name',
} as const;

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n' };

/** A double-quoted identifier (measurement, field, tag key, database, policy). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/[\\"\n]/g, c => ESCAPES[c] ?? `\\${c}`)}"`;
}

/** A single-quoted string literal (tag values). */
export function quoteString(value: string): string {
  return `'${value.replace(/[\\'\n]/g, c => ESCAPES[c] ?? `\\${c}`)}'`;
}

/** Where a metric lives: its measurement and field under the schema. */
export function metricLocation(
  metric: string,
  schema: InfluxSchema,
): { measurement: string; field: string } {
  const slash = metric.indexOf('/');
  if (!schema.withFields || slash < 0) return { measurement: metric, field: 'value' };
  return { measurement: metric.slice(0, slash), field: metric.slice(slash + 1) };
}

/** The FROM target, qualified with database and retention policy when configured. */
export function fromClause(measurement: string, schema: InfluxSchema): string {
  const parts = [measurement];
  if (schema.retentionPolicy !== undefined) {
    parts.unshift(schema.retentionPolicy);
    if (schema.database !== undefined) parts.unshift(schema.database);
  }
  return parts.map(quoteIdentifier).join('.');
}

function anyOf(tag: string, values: readonly string[]): string {
  const alternatives = values.map(value => `${quoteIdentifier(tag)} = ${quoteString(value)}`);
  return alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`;
}

/** The tag conditions of a selector (no time: InfluxDB's SHOW statements refuse it). */
export function tagConditions(selector: HistoricalSelector, schema: InfluxSchema): string[] {
  const equal = (tag: string, value: string): string =>
    `${quoteIdentifier(tag)} = ${quoteString(value)}`;
  const conditions = [equal('type', selector.type)];
  if (selector.namespace !== undefined)
    conditions.push(equal(ENTITY_TAGS.namespace, selector.namespace));
  if (selector.node !== undefined) conditions.push(equal(ENTITY_TAGS.node, selector.node));
  if (selector.pods !== undefined) conditions.push(anyOf(ENTITY_TAGS.pod, selector.pods));
  if (selector.podIds !== undefined) conditions.push(anyOf(ENTITY_TAGS.pod_id, selector.podIds));
  if (selector.container !== undefined)
    conditions.push(equal(ENTITY_TAGS.container, selector.container));
  for (const [key, value] of Object.entries(selector.labels ?? {}))
    conditions.push(equal(key, value));
  if (schema.clusterName !== undefined) conditions.push(equal('cluster_name', schema.clusterName));
  return conditions;
}

/** `time >= …ms AND time <= …ms`: both ends included. */
export function timeCondition(range: HistoricalTimeRange): string {
  return `time >= ${Math.trunc(range.start)}ms AND time <= ${Math.trunc(range.end)}ms`;
}

/** The tag a grouped query groups by. */
export function groupTag(query: HistoricalMetricQuery): string | undefined {
  if (query.groupBy === undefined) return undefined;
  return query.groupBy === 'pod' ? ENTITY_TAGS.pod : ENTITY_TAGS.pod_id;
}

/** Column aliases of the aggregate query, in SELECT order after `time`. */
export function aggregateAliases(request: HistoricalAggregationRequest): string[] {
  return [
    'count',
    ...request.aggregations.filter(name => name !== 'count'),
    ...request.percentiles.map((_p, i) => `p${i}`),
  ];
}

const FUNCTIONS = { average: 'MEAN', max: 'MAX', min: 'MIN', median: 'MEDIAN' } as const;

/**
 * `SELECT COUNT(f), MEAN(f), …, PERCENTILE(f, p) … GROUP BY time(<bucket>ms)[, tag] fill(none)`:
 * InfluxDB aligns time buckets to the epoch, as the API does. COUNT is always selected so that
 * the answer says which buckets hold samples.
 */
export function aggregateQuery(
  query: HistoricalMetricQuery,
  range: HistoricalTimeRange,
  request: HistoricalAggregationRequest,
  schema: InfluxSchema,
): string {
  const { measurement, field } = metricLocation(query.metric, schema);
  const f = quoteIdentifier(field);
  const columns = [`COUNT(${f}) AS "count"`];
  for (const name of request.aggregations) {
    if (name !== 'count') columns.push(`${FUNCTIONS[name]}(${f}) AS ${quoteIdentifier(name)}`);
  }
  request.percentiles.forEach((p, i) => columns.push(`PERCENTILE(${f}, ${p}) AS "p${i}"`));
  const where = [...tagConditions(query, schema), timeCondition(range)].join(' AND ');
  const groups: string[] = [];
  if (request.bucketMs > 0) groups.push(`time(${request.bucketMs}ms)`);
  const tag = groupTag(query);
  if (tag !== undefined) groups.push(quoteIdentifier(tag));
  const groupBy = groups.length > 0 ? ` GROUP BY ${groups.join(', ')}` : '';
  const fill = request.bucketMs > 0 ? ' fill(none)' : '';
  return `SELECT ${columns.join(', ')} FROM ${fromClause(measurement, schema)} WHERE ${where}${groupBy}${fill}`;
}

/** Raw samples in time order, at most `limit` per group. */
export function pointsQuery(
  query: HistoricalMetricQuery,
  range: HistoricalTimeRange,
  limit: number,
  schema: InfluxSchema,
): string {
  const { measurement, field } = metricLocation(query.metric, schema);
  const where = [...tagConditions(query, schema), timeCondition(range)].join(' AND ');
  const tag = groupTag(query);
  const groupBy = tag === undefined ? '' : ` GROUP BY ${quoteIdentifier(tag)}`;
  return (
    `SELECT ${quoteIdentifier(field)} AS "value" FROM ${fromClause(measurement, schema)} ` +
    `WHERE ${where}${groupBy} ORDER BY time ASC LIMIT ${Math.trunc(limit)}`
  );
}
