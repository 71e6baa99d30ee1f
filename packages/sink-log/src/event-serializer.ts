import { eventTime, type KubeEvent } from '@heapster/model';
import type { LogFormat } from './config.js';

/**
 * Renders an event batch. `text` is Heapster's eventer log format
 * (`events/sinks/log/log_sink.go`): a header, then `<lastTimestamp> (cnt:<count>): <message>`
 * per event. `json` is the event object itself, one per line.
 */
export function* formatEventBatch(
  events: readonly KubeEvent[],
  format: LogFormat,
  maxEvents: number,
  now: number,
): Generator<string> {
  const shown = maxEvents > 0 ? Math.min(maxEvents, events.length) : events.length;
  if (format === 'text') yield `EventBatch     Timestamp: ${new Date(now).toISOString()}\n`;
  for (let i = 0; i < shown; i++) {
    const event = events[i] as KubeEvent;
    yield format === 'text' ? `${PAD}${textLine(event)}\n` : `${JSON.stringify(event)}\n`;
  }
  const hidden = events.length - shown;
  if (hidden > 0) {
    yield format === 'text'
      ? `${PAD}... ${hidden} more events not shown (max_events=${maxEvents})\n`
      : `${JSON.stringify({ omittedEvents: hidden, maxEvents })}\n`;
  }
}

const PAD = '   ';

function textLine(event: KubeEvent): string {
  const time = eventTime(event);
  const when =
    event.lastTimestamp ?? (Number.isNaN(time) ? 'unknown' : new Date(time).toISOString());
  const count = event.count ?? event.series?.count ?? 0;
  // One line per event: a multi-line message must not look like several events.
  const message = (event.message ?? '').replace(/\r?\n/g, '\\n');
  return `${when} (cnt:${count}): ${message}`;
}
