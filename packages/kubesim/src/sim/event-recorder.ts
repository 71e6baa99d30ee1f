import type { KubeObject, ObjectStore } from '../api/object-store.js';
import { rfc3339, rfc3339Micro } from './time-format.js';

/**
 * Writes core/v1 Events the way a real cluster does. Kubelet and controller events are
 * "legacy" events: a repeat of the same (object, reason, message, source) within the
 * correlation window bumps `count` and `lastTimestamp` on the same Event (a MODIFIED watch
 * event). Scheduler events are events.k8s.io events read through core/v1: `eventTime` set,
 * `firstTimestamp`/`lastTimestamp` null, and repeats bump `series.count`. Retention is bounded
 * like the API server's --event-ttl, plus a cap on how many events exist at once.
 */

export interface InvolvedObject {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly uid: string;
  readonly apiVersion: string;
  readonly resourceVersion?: string;
  readonly fieldPath?: string;
}

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  readonly component: string;
  readonly host?: string;
}

interface Tracked {
  object: KubeObject;
  updatedAt: number;
  readonly correlationKey: string;
  readonly scheduler: boolean;
}

export interface EventRecorderOptions {
  readonly maxEvents: number;
  readonly ttlMs: number;
}

/** How long repeats are folded into one Event (client-go's correlator uses ten minutes). */
const CORRELATION_WINDOW_MS = 600_000;
const RECENT = 256;
const SCHEDULER_INSTANCE = 'default-scheduler-kubesim-control-plane';

export class EventRecorder {
  private readonly store: ObjectStore;
  private readonly options: EventRecorderOptions;
  /** Live events by store key. */
  private readonly live = new Map<string, Tracked>();
  /**
   * Every write as (event, time), in time order: expiry walks it from the front and deletes an
   * event when the entry is its latest write and old enough. Compacted when it grows long.
   */
  private queue: { readonly name: string; readonly stamp: number }[] = [];
  private head = 0;
  private readonly byCorrelation = new Map<string, Tracked>();
  private sequence = 0;
  /** Recently written events, candidates for repeats. */
  private readonly recent: Tracked[] = [];
  /** Watch-visible writes (creates + bumps) since the counter was last read. */
  private writes = 0;

  constructor(store: ObjectStore, options: EventRecorderOptions) {
    this.store = store;
    this.options = options;
  }

  get size(): number {
    return this.live.size;
  }

  /** Creates and bumps since the last call; the generator uses it to hold the events/s target. */
  takeWriteCount(): number {
    const n = this.writes;
    this.writes = 0;
    return n;
  }

  private eventName(involvedName: string, now: number): string {
    // client-go names events "<object>.<UnixNano in hex>"; the sequence keeps names unique.
    this.sequence = (this.sequence + 1) % 1_000_000;
    return `${involvedName}.${(BigInt(Math.floor(now)) * 1_000_000n + BigInt(this.sequence)).toString(16)}`;
  }

  private static nameOf(object: KubeObject): string {
    return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
  }

  private remember(tracked: Tracked): void {
    this.queue.push({ name: EventRecorder.nameOf(tracked.object), stamp: tracked.updatedAt });
    if (this.queue.length - this.head > 4 * this.options.maxEvents + 4096) this.compact();
    this.writes++;
    if (this.recent.length < RECENT) this.recent.push(tracked);
    else this.recent[this.writes % RECENT] = tracked;
  }

  private add(key: string, object: KubeObject, now: number, scheduler: boolean): void {
    const tracked: Tracked = { object, updatedAt: now, correlationKey: key, scheduler };
    this.live.set(EventRecorder.nameOf(object), tracked);
    this.byCorrelation.set(key, tracked);
    this.remember(tracked);
  }

  private bumpable(key: string, now: number): Tracked | undefined {
    const tracked = this.byCorrelation.get(key);
    if (tracked === undefined || now - tracked.updatedAt > CORRELATION_WINDOW_MS) return undefined;
    return tracked;
  }

  /** A repeat: count (legacy) or series.count (scheduler) goes up on the same Event. */
  private bump(tracked: Tracked, now: number): void {
    const o = tracked.object;
    if (tracked.scheduler) {
      const series = o.series as { count: number } | undefined;
      tracked.object = this.store.update({ ...o, series: { count: (series?.count ?? 1) + 1, lastObservedTime: rfc3339Micro(now) } });
    } else {
      const count = typeof o.count === 'number' ? o.count + 1 : 2;
      tracked.object = this.store.update({ ...o, count, lastTimestamp: rfc3339(now) });
    }
    tracked.updatedAt = now;
    this.remember(tracked);
  }

  /** A kubelet/controller event; a repeat within the window bumps count on the same Event. */
  record(now: number, involved: InvolvedObject, type: EventType, reason: string, message: string, source: EventSource): void {
    const key = `${involved.uid}|${involved.fieldPath ?? ''}|${reason}|${message}|${source.component}|${type}`;
    const existing = this.bumpable(key, now);
    if (existing !== undefined) {
      this.bump(existing, now);
      return;
    }
    const object = this.store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.eventName(involved.name, now), namespace: involved.namespace ?? 'default', creationTimestamp: rfc3339(now) },
      involvedObject: { ...involved },
      reason,
      message,
      source: { ...source },
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
    this.add(key, object, now, false);
  }

  /** A scheduler (events.k8s.io) event; a repeat bumps series.count. */
  recordScheduler(now: number, involved: InvolvedObject, type: EventType, reason: string, message: string, action: string): void {
    const key = `${involved.uid}|${reason}|${message}|scheduler|${type}`;
    const existing = this.bumpable(key, now);
    if (existing !== undefined) {
      this.bump(existing, now);
      return;
    }
    const object = this.store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.eventName(involved.name, now), namespace: involved.namespace ?? 'default', creationTimestamp: rfc3339(now) },
      involvedObject: { ...involved },
      reason,
      message,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: rfc3339Micro(now),
      action,
      reportingComponent: 'default-scheduler',
      reportingInstance: SCHEDULER_INSTANCE,
    });
    this.add(key, object, now, true);
  }

  /** Bumps a random recent event again (background noise); false when there is none. */
  bumpRecent(draw: number, now: number): boolean {
    const tracked = this.recent[Math.floor(draw * this.recent.length)];
    if (tracked === undefined) return false;
    const o = tracked.object;
    if (this.live.get(EventRecorder.nameOf(o)) !== tracked) return false;
    this.bump(tracked, now);
    return true;
  }

  /** Rebuilds the write queue from the live events (one entry each, oldest write first). */
  private compact(): void {
    this.queue = [...this.live].map(([name, t]) => ({ name, stamp: t.updatedAt })).sort((a, b) => a.stamp - b.stamp);
    this.head = 0;
  }

  /**
   * Deletes events not written for longer than the TTL (a lease refreshed on every write, as
   * the API server's --event-ttl), and the least recently written beyond the cap.
   */
  expire(now: number): void {
    while (this.head < this.queue.length) {
      const entry = this.queue[this.head] as { name: string; stamp: number };
      const overCap = this.live.size > this.options.maxEvents;
      if (!overCap && now - entry.stamp <= this.options.ttlMs) break;
      this.head++;
      const tracked = this.live.get(entry.name);
      // Skip entries superseded by a later write of the same event.
      if (tracked === undefined || tracked.updatedAt !== entry.stamp) continue;
      this.remove(entry.name, tracked);
    }
    if (this.head > 65_536 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private remove(name: string, tracked: Tracked): void {
    this.live.delete(name);
    if (this.byCorrelation.get(tracked.correlationKey) === tracked) this.byCorrelation.delete(tracked.correlationKey);
    this.store.delete('Event', tracked.object.metadata.namespace, tracked.object.metadata.name);
  }
}
