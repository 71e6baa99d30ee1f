import { field } from './object-access.js';
import type { KubeObject } from './object-store.js';

/**
 * A stored core/v1 Event as events.k8s.io/v1 serves it (both are views of one storage, as in
 * the real API server). Empty fields are left out, as Go's omitempty does; eventTime is not
 * omitempty in v1, so legacy events carry `"eventTime": null`.
 */
export function toEventsV1(event: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: 'Event',
    apiVersion: 'events.k8s.io/v1',
    metadata: event.metadata,
    eventTime: field(event, 'eventTime') ?? null,
  };
  const copy = (to: string, from: string): void => {
    const value = field(event, from);
    if (value !== undefined && value !== null && value !== '' && value !== 0) out[to] = value;
  };
  copy('series', 'series');
  copy('reportingController', 'reportingComponent');
  copy('reportingInstance', 'reportingInstance');
  copy('action', 'action');
  copy('reason', 'reason');
  copy('regarding', 'involvedObject');
  copy('related', 'related');
  copy('note', 'message');
  copy('type', 'type');
  copy('deprecatedSource', 'source');
  copy('deprecatedFirstTimestamp', 'firstTimestamp');
  copy('deprecatedLastTimestamp', 'lastTimestamp');
  copy('deprecatedCount', 'count');
  return out;
}
