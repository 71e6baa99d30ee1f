import type { KubeEvent } from '@heapster/model';
import {
  ObjectDecodeError,
  objectField,
  requiredString,
  stringField,
} from './conversion-context.js';

/**
 * Checks that a raw core/v1 Event carries what the eventer keys on (namespace, name, uid,
 * resourceVersion, involvedObject) and hands back the server's own JSON, timestamps as the
 * strings it sent. Only `metadata.managedFields` (server-side-apply bookkeeping, often the
 * largest part) is dropped. Throws ObjectDecodeError naming the field.
 */
export function toKubeEvent(raw: unknown): KubeEvent {
  const event = objectField(raw, 'event') as Record<string, unknown>;
  const metadata = objectField(event.metadata, 'event metadata') as Record<string, unknown>;
  const name = requiredString(metadata.name, 'event metadata.name');
  const at = `event ${stringField(metadata.namespace, 'event metadata.namespace')}/${name}:`;
  requiredString(metadata.namespace, `${at} metadata.namespace`);
  requiredString(metadata.uid, `${at} metadata.uid`);
  requiredString(metadata.resourceVersion, `${at} metadata.resourceVersion`);
  if (event.involvedObject !== undefined && event.involvedObject !== null)
    objectField(event.involvedObject, `${at} involvedObject`);
  else event.involvedObject = {};
  for (const field of ['firstTimestamp', 'lastTimestamp', 'eventTime'] as const) {
    const value = event[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new ObjectDecodeError(`${at} ${field} is not a timestamp string`);
    }
  }
  if (event.count !== undefined && event.count !== null && typeof event.count !== 'number') {
    throw new ObjectDecodeError(`${at} count is not a number`);
  }
  delete metadata.managedFields;
  return event as unknown as KubeEvent;
}
