import { field, num, text } from '../object-access.js';
import type { KubeObject } from '../object-store.js';
import { ageSince } from './human-duration.js';
import { NAME_DESCRIPTION, column } from './table-types.js';
import type { TableCell, TablePrinter } from './table-types.js';

/**
 * printEvent: Last Seen Type Reason Object [Subobject Source] Message [First Seen Count Name].
 * The wide columns sit in the middle, as the real column definitions order them. Works on the
 * stored core/v1 Event (events.k8s.io/v1 is printed from the same stored object).
 */
export const EVENT_PRINTER: TablePrinter = {
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column(
      'Reason',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    column('Object', 'The object that this event is about.'),
    column(
      'Subobject',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
      { priority: 1 },
    ),
    column(
      'Source',
      'The component reporting this event. Should be a short machine understandable string.',
      { priority: 1 },
    ),
    column('Message', 'A human-readable description of the status of this operation.'),
    column(
      'First Seen',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      { priority: 1 },
    ),
    column('Count', 'The number of times this event has occurred.', { priority: 1 }),
    column('Name', NAME_DESCRIPTION, { priority: 1, format: 'name' }),
  ],
  cells(event: KubeObject, nowMs: number): TableCell[] {
    const firstTimestamp = text(event, 'firstTimestamp');
    const first =
      firstTimestamp !== ''
        ? ageSince(firstTimestamp, nowMs)
        : ageSince(text(event, 'eventTime'), nowMs);
    const lastTimestamp = text(event, 'lastTimestamp');
    let last = lastTimestamp !== '' ? ageSince(lastTimestamp, nowMs) : first;
    let count = num(event, 'count');
    const series = field(event, 'series');
    if (series !== undefined && series !== null) {
      last = ageSince(text(series, 'lastObservedTime'), nowMs);
      count = num(series, 'count');
    } else if (count === 0) {
      count = 1;
    }
    const kind = text(event, 'involvedObject', 'kind').toLowerCase();
    const target = text(event, 'involvedObject', 'name');
    return [
      last,
      text(event, 'type'),
      text(event, 'reason'),
      target !== '' ? `${kind}/${target}` : kind,
      text(event, 'involvedObject', 'fieldPath'),
      eventSource(event),
      text(event, 'message').trim(),
      first,
      count,
      event.metadata.name,
    ];
  },
  conditions: () => undefined,
};

function eventSource(event: KubeObject): string {
  const component = text(event, 'source', 'component') || text(event, 'reportingComponent');
  const host = text(event, 'source', 'host') || text(event, 'reportingInstance');
  return host === '' ? component : `${component}, ${host}`;
}
