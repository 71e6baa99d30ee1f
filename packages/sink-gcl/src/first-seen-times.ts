import { eventTime, eventVersionKey, type KubeEvent } from '@heapster/model';

/** Event versions remembered; the oldest are forgotten first. */
const MAX_REMEMBERED = 10_000;

/**
 * The timestamp of an event that carries no time at all: the time this sink first saw that
 * version, remembered so that a retry or redelivery sends the very same entry (Cloud Logging
 * deduplicates on insertId *and* timestamp). Bounded; after a restart a remembered time is lost,
 * which is the one case where such an event can be stored twice.
 */
export class FirstSeenTimes {
  private readonly _times = new Map<string, number>();

  constructor(private readonly _max = MAX_REMEMBERED) {}

  /** `now` for events that have a time of their own (it is not used for them). */
  timeOf(event: KubeEvent, now: number): number {
    if (!Number.isNaN(eventTime(event))) return now;
    const key = eventVersionKey(event);
    const seen = this._times.get(key);
    if (seen !== undefined) return seen;
    if (this._times.size >= this._max) {
      const oldest = this._times.keys().next();
      if (oldest.done !== true) this._times.delete(oldest.value);
    }
    this._times.set(key, now);
    return now;
  }
}
