import { eventVersionKey, type KubeEvent } from '@heapster/model';
import { SCHEMA_VERSION, type JsonBody } from './serializer.js';

/**
 * The event JSON of the README ("Events body"): each event as the API server serialised it,
 * with its `id` = `<uid>/<resourceVersion>`. Delivery is at least once, so a receiver stores
 * by `id` to stay free of duplicates. Cut like metric bodies at `maxBodyBytes`.
 */
export function* eventBodies(
  events: readonly KubeEvent[],
  maxBodyBytes: number,
  now: number,
): Generator<JsonBody> {
  const timestamp = new Date(now).toISOString();
  let part = 0;
  let items: string[] = [];
  let bytes = 0;
  const envelope = (): string =>
    `{"version":${SCHEMA_VERSION},"kind":"events","timestamp":"${timestamp}","part":${part},` +
    `"events":[${items.join(',')}]}`;
  const overhead = Buffer.byteLength(envelope()) + 16; // + the part number's digits
  for (const event of events) {
    const item = JSON.stringify({ id: eventVersionKey(event), event });
    const itemBytes = Buffer.byteLength(item) + 1;
    if (items.length > 0 && overhead + bytes + itemBytes > maxBodyBytes) {
      yield { json: envelope(), items: items.length };
      part++;
      items = [];
      bytes = 0;
    }
    items.push(item);
    bytes += itemBytes;
  }
  if (items.length > 0) yield { json: envelope(), items: items.length };
}
