import { eventTime, type KubeEvent } from '@heapster/model';
import { escapeMeasurement, escapeTag, quoteString } from './line-protocol.js';

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
  const tags: [string, string][] = [];
  const add = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') tags.push([key, value]);
  };
  const involved = event.involvedObject;
  const isPod = involved.kind === 'Pod';
  add('uid', event.metadata.uid);
  add('hostname', event.source?.host);
  add('cluster_name', schema.clusterName);
  if (isPod) add('pod_id', involved.uid);
  let measurement: string;
  let field: string;
  if (schema.withFields) {
    add('object_name', involved.name);
    add('type', event.type);
    add('kind', involved.kind);
    add('component', event.source?.component);
    add('reason', event.reason);
    add('namespace_name', involved.namespace);
    measurement = 'events';
    field = `message=${quoteString(event.message ?? '')}`;
  } else {
    if (isPod) add('pod_name', involved.name);
    measurement = escapeMeasurement('log/events');
    // Heapster stored the indented JSON of the whole event.
    field = `value=${quoteString(JSON.stringify(event, null, 1))}`;
  }
  tags.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let tagText = '';
  for (const [key, value] of tags) tagText += `,${escapeTag(key)}=${escapeTag(value)}`;
  const version = event.metadata.resourceVersion;
  return `${measurement}${tagText} ${field},resource_version=${quoteString(version)} ${eventTimestampNs(event, fallbackTime)}\n`;
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
