import { eventTime, eventVersionKey, type KubeEvent } from '@heapster/model';

export type Severity = 'DEFAULT' | 'INFO' | 'WARNING';

export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/**
 * One entry of a WriteLogEntries request, before the payload becomes a protobuf Struct
 * (logging-client.ts does that). The log name and resource are the request's, shared by all.
 */
export interface EventLogEntry {
  readonly insertId: string;
  readonly timestamp: Timestamp;
  readonly severity: Severity;
  readonly jsonPayload: KubeEvent;
}

/**
 * Severity from the event type. Heapster wrote NOTICE for every event, so a severity filter
 * could not separate a failing probe from a pulled image; Warning events are WARNING and
 * Normal events INFO here, and a type Kubernetes may add later is DEFAULT rather than a guess.
 */
export function severityOf(event: KubeEvent): Severity {
  if (event.type === 'Warning') return 'WARNING';
  if (event.type === 'Normal') return 'INFO';
  return 'DEFAULT';
}

/**
 * The entry of one event version. Everything in it is a function of the event, so writing the
 * same version again (a retry, a redelivery after restart) produces the same insertId and
 * timestamp, which Cloud Logging treats as one entry. `fallbackTime` (the time the sink first
 * saw this version, first-seen-times.ts) stamps only an event that carries no time at all.
 */
export function entryOf(event: KubeEvent, fallbackTime: number): EventLogEntry {
  const time = eventTime(event);
  return {
    insertId: eventVersionKey(event),
    timestamp: timestampOf(Number.isNaN(time) ? fallbackTime : time),
    severity: severityOf(event),
    jsonPayload: event,
  };
}

/** The log name as the API wants it: the id URL-encoded, so `kubernetes.io/events` → `kubernetes.io%2Fevents`. */
export function logNameOf(project: string, logId: string): string {
  return `projects/${project}/logs/${encodeURIComponent(logId)}`;
}

/** Epoch milliseconds as a protobuf Timestamp, to the microsecond (all a double of ms holds). */
export function timestampOf(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  const micros = Math.min(999_999, Math.round((ms - seconds * 1000) * 1000));
  return { seconds, nanos: micros * 1000 };
}
