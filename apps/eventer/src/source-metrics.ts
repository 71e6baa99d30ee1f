import { Counter, Gauge, type Registry } from 'prom-client';
import type { CheckpointSaver } from './checkpoint-saver.js';
import type { EventSourceStats } from './event-source.js';

/**
 * The source and checkpoint side of the eventer's self-metrics, read at scrape time from the
 * source's cumulative stats (no bookkeeping per event). Heapster's names where it had one.
 */
export function registerSourceMetrics(
  registry: Registry,
  source: () => EventSourceStats,
  synced: () => boolean,
  saver: CheckpointSaver,
  now: () => number,
): void {
  const registers = [registry];
  const total = (name: string, help: string, read: (s: EventSourceStats) => number): void => {
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read(source()));
      },
    });
  };
  total(
    'eventer_scraper_events_total_number',
    'Event versions read from the API server (listed, added and modified).',
    s => s.listed + s.added + s.modified,
  );
  total(
    'eventer_watch_restarts_total',
    'Watch connections opened after the first (dropped streams resumed, relists).',
    s => Math.max(0, s.watches - 1),
  );
  total(
    'eventer_relists_total',
    'Full lists after the event history expired (410 Gone).',
    s => s.relists,
  );
  total(
    'eventer_source_errors_total',
    'Failed list or watch requests (retried with backoff).',
    s => s.errors,
  );
  total(
    'eventer_source_decode_errors_total',
    'Objects in the event stream that were not readable events (skipped).',
    s => s.decodeErrors,
  );
  new Gauge({
    name: 'eventer_scraper_last_time_seconds',
    help: 'When the API server last sent an event, list page or bookmark, in seconds since the epoch.',
    registers,
    collect() {
      const last = source().lastActivity;
      if (last !== undefined) this.set(last / 1000);
    },
  });
  new Gauge({
    name: 'eventer_source_synced',
    help: '1 once the initial list is done (or the watch from the checkpoint is delivering).',
    registers,
    collect() {
      this.set(synced() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'eventer_checkpoint_age_seconds',
    help: 'Seconds since the checkpoint file was last written (absent before the first write).',
    registers,
    collect() {
      const saved = saver.lastSavedAt;
      if (saved !== undefined) this.set((now() - saved) / 1000);
    },
  });
  new Counter({
    name: 'eventer_checkpoint_writes_total',
    help: 'Checkpoint file writes by result (ok, error).',
    labelNames: ['result'],
    registers,
    collect() {
      this.reset();
      this.inc({ result: 'ok' }, saver.writes);
      this.inc({ result: 'error' }, saver.failures);
    },
  });
}
