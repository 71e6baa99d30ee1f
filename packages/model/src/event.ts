/**
 * A core/v1 Event as the API server serialises it, reduced to the fields the eventer and its
 * sinks read. Sinks that store "the whole event" (Heapster's InfluxDB and Cloud Logging
 * formats) serialise this object, which keeps every field the source decoded.
 */
export interface KubeEvent {
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly uid: string;
    readonly resourceVersion: string;
    readonly creationTimestamp?: string;
  };
  readonly involvedObject: {
    readonly kind?: string;
    readonly namespace?: string;
    readonly name?: string;
    readonly uid?: string;
    readonly apiVersion?: string;
    readonly resourceVersion?: string;
    readonly fieldPath?: string;
  };
  readonly reason?: string;
  readonly message?: string;
  readonly source?: { readonly component?: string; readonly host?: string };
  readonly firstTimestamp?: string | null;
  readonly lastTimestamp?: string | null;
  readonly eventTime?: string | null;
  readonly count?: number;
  /** "Normal" or "Warning". */
  readonly type?: string;
  readonly action?: string;
  readonly reportingComponent?: string;
  readonly reportingInstance?: string;
  readonly series?: { readonly count?: number; readonly lastObservedTime?: string };
}

/**
 * The identity of one version of an event: writes are idempotent on it, so delivering the same
 * version twice stores it once, while a count bump (a new resourceVersion) is stored as news.
 */
export function eventVersionKey(event: KubeEvent): string {
  return `${event.metadata.uid}/${event.metadata.resourceVersion}`;
}

/**
 * When the event last happened, in epoch ms: lastTimestamp, else the series' last observation,
 * else eventTime, else firstTimestamp, else creation. NaN when the event carries no time at all.
 */
export function eventTime(event: KubeEvent): number {
  const candidates = [
    event.lastTimestamp,
    event.series?.lastObservedTime,
    event.eventTime,
    event.firstTimestamp,
    event.metadata.creationTimestamp,
  ];
  for (const candidate of candidates) {
    if (candidate) {
      const ms = Date.parse(candidate);
      if (!Number.isNaN(ms)) return ms;
    }
  }
  return Number.NaN;
}
