import { Counter, Gauge, type Registry } from 'prom-client';
import { ExporterMetrics } from './exporter-metrics.js';

/** What the queue-depth gauges read at scrape time (no bookkeeping per event). */
export interface QueueDepthSource {
  readonly name: string;
  readonly depth: number;
  readonly capacity: number;
}

/**
 * The eventer's delivery metrics. Heapster's exporter names come from ExporterMetrics
 * (`eventer_exporter_duration_milliseconds`, `eventer_exporter_last_time_seconds`); the rest
 * are what Heapster never had: per-sink exported / retried / dropped / skipped counts and the
 * queue depth, so that a lost or held-back event is always visible.
 */
export class EventSinkMetrics {
  readonly exporter: ExporterMetrics;
  readonly received: Counter;
  readonly exported: Counter<'exporter'>;
  readonly retries: Counter<'exporter'>;
  readonly dropped: Counter<'exporter' | 'reason'>;
  readonly skipped: Counter<'exporter' | 'reason'>;
  readonly backpressure: Counter;
  readonly managerLastTime: Gauge;
  readonly checkpointTime: Gauge<'exporter'>;

  constructor(registry: Registry, queues: () => readonly QueueDepthSource[]) {
    this.exporter = new ExporterMetrics(registry, 'eventer');
    const registers = [registry];
    this.received = new Counter({
      name: 'eventer_events_received_total',
      help: 'Event versions (ADDED and MODIFIED) handed to the sink manager.',
      registers,
    });
    this.exported = new Counter({
      name: 'eventer_events_exported_total',
      help: 'Event versions a sink acknowledged.',
      labelNames: ['exporter'],
      registers,
    });
    this.retries = new Counter({
      name: 'eventer_export_retries_total',
      help: 'Batch writes retried after a retryable failure or timeout.',
      labelNames: ['exporter'],
      registers,
    });
    this.dropped = new Counter({
      name: 'eventer_events_dropped_total',
      help: 'Event versions a sink will never hold, by reason (permanent: the sink rejected the batch; partial: the failed part of a partial write).',
      labelNames: ['exporter', 'reason'],
      registers,
    });
    this.skipped = new Counter({
      name: 'eventer_events_skipped_total',
      help: 'Event versions not queued for a sink, by reason (filtered: the sink filter excludes them; checkpoint: already exported).',
      labelNames: ['exporter', 'reason'],
      registers,
    });
    this.backpressure = new Counter({
      name: 'eventer_backpressure_waits_total',
      help: 'Times the watch was paused because a sink queue was full.',
      registers,
    });
    this.managerLastTime = new Gauge({
      name: 'eventer_manager_last_time_seconds',
      help: 'When the sink manager last started a flush round, in seconds since the epoch.',
      registers,
    });
    this.checkpointTime = new Gauge({
      name: 'eventer_checkpoint_advanced_time_seconds',
      help: "When a sink's checkpoint (last resourceVersion fully exported) last moved, in seconds since the epoch.",
      labelNames: ['exporter'],
      registers,
    });
    new Gauge({
      name: 'eventer_queue_depth',
      help: 'Event versions waiting for a sink (queued or in the batch being written).',
      labelNames: ['exporter'],
      registers,
      collect() {
        for (const queue of queues()) this.set({ exporter: queue.name }, queue.depth);
      },
    });
    new Gauge({
      name: 'eventer_queue_capacity',
      help: 'Bound of each sink queue; at the bound the watch pauses (backpressure).',
      labelNames: ['exporter'],
      registers,
      collect() {
        for (const queue of queues()) this.set({ exporter: queue.name }, queue.capacity);
      },
    });
  }
}
