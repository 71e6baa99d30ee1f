import type { KubeObject, ObjectStore } from '@heapster/kubesim';

/** Writes core/v1 Events straight into kubesim's store: the test decides every version. */
export class EventWriter {
  private _sequence = 0;

  constructor(private readonly _store: ObjectStore) {}

  create(namespace: string, type: 'Normal' | 'Warning' = 'Normal', reason = 'Pulled'): KubeObject {
    this._sequence += 1;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    return this._store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `test-event-${this._sequence}`, namespace },
      involvedObject: { kind: 'Pod', namespace, name: `pod-${this._sequence}`, apiVersion: 'v1' },
      reason,
      message: `event ${this._sequence}`,
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
    });
  }

  /** A repeat of the event: count + 1, a new resourceVersion (a watch MODIFIED). */
  bump(event: KubeObject): KubeObject {
    const current = this._store.get('Event', event.metadata.namespace, event.metadata.name);
    if (current === undefined) throw new Error(`no event ${event.metadata.name}`);
    return this._store.update({ ...current, count: (current.count as number) + 1 });
  }
}
