import { describe, expect, it } from '@jest/globals';
import type { KubeEvent } from '@heapster/model';
import { sampleEventShapes } from '@heapster/sink/testing';
import { eventLine, eventTimestampNs, type EventSchema } from './event-serializer.js';
import { escapeMeasurement, escapeTag, quoteString } from './line-protocol.js';

/** eventLine as it was before tags were written in a fixed order (the reference). */
function referenceEventLine(event: KubeEvent, schema: EventSchema, fallbackTime: number): string {
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
    field = `value=${quoteString(JSON.stringify(event, null, 1))}`;
  }
  tags.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let tagText = '';
  for (const [key, value] of tags) tagText += `,${escapeTag(key)}=${escapeTag(value)}`;
  const version = event.metadata.resourceVersion;
  return `${measurement}${tagText} ${field},resource_version=${quoteString(version)} ${eventTimestampNs(event, fallbackTime)}\n`;
}

/** Events whose every tag and field holds something to escape, or nothing at all. */
function awkwardEvents(): KubeEvent[] {
  const nasty = ['a b', 'c,d', 'e=f', 'back\\slash', 'end\\', 'new\nline', 'q"uote', '', 'ü 🚀'];
  return nasty.flatMap((text, i) => [
    {
      metadata: { name: `n-${i}`, namespace: text, uid: `u-${text}`, resourceVersion: `${i}` },
      involvedObject: { kind: 'Pod', namespace: text, name: text, uid: text },
      reason: text,
      message: `${text} "quoted" \\ ${text}`,
      source: { component: text, host: text },
      lastTimestamp: '2024-01-01T00:00:40Z',
      type: text,
    },
    {
      metadata: { name: `m-${i}`, namespace: 'x', uid: `v-${i}`, resourceVersion: `${i}` },
      involvedObject: { kind: text, name: text },
      reason: text,
      type: 'Warning',
    },
  ]);
}

describe('the event line serializer', () => {
  it('writes exactly what the sorting reference wrote, in both schemas', () => {
    const events = [...sampleEventShapes(), ...awkwardEvents()];
    for (const withFields of [false, true]) {
      for (const clusterName of ['default', '', 'my cluster,eu=1']) {
        const schema = { withFields, clusterName };
        for (const event of events) {
          expect(eventLine(event, schema, 1_700_000_000_000)).toBe(
            referenceEventLine(event, schema, 1_700_000_000_000),
          );
        }
      }
    }
  });
});
