import type { KubeObject, ObjectStore } from '@heapster/kubesim';

export interface TruthVersion {
  readonly uid: string;
  readonly rv: number;
  readonly count: number;
}

/** An event's count: legacy events count repeats in `count`, events.k8s.io ones in `series.count`. */
export function eventCount(event: Readonly<Record<string, unknown>>): number {
  const series = event.series as { count?: number } | undefined;
  return typeof event.count === 'number' && event.count > 0 ? event.count : (series?.count ?? 1);
}

/**
 * Every version of every Event the API server held while the test ran (ADDED and MODIFIED seen
 * on the store itself, not through any watch): the ground truth sinks are compared with.
 */
export class VersionTruth {
  readonly versions = new Map<string, TruthVersion>();
  private readonly _unsubscribe: () => void;

  constructor(private readonly _store: ObjectStore) {
    for (const event of _store.list('Event')) this._record(event);
    this._unsubscribe = _store.subscribe('Event', change => {
      if (change.type !== 'DELETED') this._record(change.object);
    });
  }

  stop(): void {
    this._unsubscribe();
  }

  /** The newest version of every event that exists now. */
  latest(): Map<string, TruthVersion> {
    const latest = new Map<string, TruthVersion>();
    for (const event of this._store.list('Event')) {
      const version = this.versions.get(key(event));
      if (version !== undefined) latest.set(version.uid, version);
    }
    return latest;
  }

  /**
   * The versions every sink must hold: all of them, except versions in `(from, to]` that a
   * later version replaced — the API server no longer had those when the eventer relisted.
   */
  required(gaps: readonly { from: number; to: number }[]): TruthVersion[] {
    const newest = new Map<string, number>();
    for (const v of this.versions.values())
      newest.set(v.uid, Math.max(newest.get(v.uid) ?? 0, v.rv));
    return [...this.versions.values()].filter(
      v => !gaps.some(gap => v.rv > gap.from && v.rv <= gap.to && v.rv < (newest.get(v.uid) ?? 0)),
    );
  }

  private _record(event: KubeObject): void {
    const version = {
      uid: event.metadata.uid,
      rv: Number(event.metadata.resourceVersion),
      count: eventCount(event),
    };
    this.versions.set(key(event), version);
  }
}

export function versionKey(uid: string, rv: number | string): string {
  return `${uid}/${rv}`;
}

function key(event: KubeObject): string {
  return versionKey(event.metadata.uid, event.metadata.resourceVersion);
}
