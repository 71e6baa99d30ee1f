import { eventTime, type KubeEvent } from '@heapster/model';
import { escapeMeasurement, escapeTag } from './line-protocol.js';

/** What shapes event points (heapster.md §7, `events/sinks/influxdb/influxdb.go`). */
export interface EventSchema {
  /** false: `log/events` with the whole event as JSON in `value`; true: `events` with `message`. */
  readonly withFields: boolean;
  readonly clusterName: string;
}

/**
 * One line per event, in Heapster's two schemas, plus a `resource_version` string field.
 *
 * Idempotence on (uid, resourceVersion): the series is fixed by the event's tags (uid among
 * them) and the timestamp is the event's time in ms followed by six nanosecond digits taken
 * from a hash of the resourceVersion. Writing the same version again therefore overwrites the
 * same point, while a new version (a count bump, even within the same second) is a new point.
 * `fallbackTime` (ms) is used only for an event that carries no time at all.
 */
export function eventLine(event: KubeEvent, schema: EventSchema, fallbackTime: number): string {
  // Tags in key order (InfluxDB's canonical order, as Heapster's client sorted them), written
  // directly: keys need no escaping, empty values are left out.
  const involved = event.involvedObject;
  const isPod = involved.kind === 'Pod';
  const cluster = tag('cluster_name', schema.clusterName);
  const host = tag('hostname', event.source?.host);
  const podId = isPod ? tag('pod_id', involved.uid) : '';
  const uid = tag('uid', event.metadata.uid);
  let head: string;
  let field: string;
  if (schema.withFields) {
    head =
      `events${cluster}${tag('component', event.source?.component)}${host}` +
      `${tag('kind', involved.kind)}${tag('namespace_name', involved.namespace)}` +
      `${tag('object_name', involved.name)}${podId}${tag('reason', event.reason)}` +
      `${tag('type', event.type)}${uid}`;
    field = `message=${quoteField(event.message ?? '')}`;
  } else {
    const podName = isPod ? tag('pod_name', involved.name) : '';
    head = `${LOG_EVENTS}${cluster}${host}${podId}${podName}${uid}`;
    // Heapster stored the indented JSON of the whole event.
    field = `value=${quoteField(JSON.stringify(event, null, 1))}`;
  }
  const version = event.metadata.resourceVersion;
  return `${head} ${field},resource_version=${quoteField(version)} ${eventTimestampNs(event, fallbackTime)}\n`;
}

const LOG_EVENTS = escapeMeasurement('log/events');

function tag(key: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : `,${key}=${escapeTag(value)}`;
}

/**
 * quoteString without a regular expression: the whole event's JSON has dozens of quotes to
 * escape, and two plain replaceAll passes cost about a third less than one regex replace.
 */
function quoteField(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The event's point time in ns, as a decimal string (it exceeds 2^53). */
export function eventTimestampNs(event: KubeEvent, fallbackTime: number): string {
  const time = eventTime(event);
  const ms = Math.trunc(Number.isNaN(time) ? fallbackTime : time);
  const offset = fnv1a(event.metadata.resourceVersion) % 1_000_000;
  return `${ms}${String(offset).padStart(6, '0')}`;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
