import { Counter, Gauge, Summary, type Registry } from 'prom-client';

/**
 * Per-sink self-metrics with Heapster's names (heapster.md §9) plus the drop and failure
 * counts Heapster never had. One instance per registry and binary prefix (`heapster` for the
 * core's metric sinks, `eventer` for the eventer's).
 */
export class ExporterMetrics {
  readonly duration: Summary<'exporter'>;
  readonly lastTime: Gauge<'exporter'>;
  readonly dropped: Counter<'exporter' | 'reason'>;
  readonly failures: Counter<'exporter' | 'class'>;

  constructor(registry: Registry, prefix: 'heapster' | 'eventer') {
    this.duration = new Summary({
      name: `${prefix}_exporter_duration_milliseconds`,
      help: 'Time spent exporting one batch to a sink, in milliseconds.',
      labelNames: ['exporter'],
      percentiles: [0.5, 0.9, 0.99],
      registers: [registry],
    });
    this.lastTime = new Gauge({
      name: `${prefix}_exporter_last_time_seconds`,
      help: 'When a sink last finished an export, in seconds since the epoch.',
      labelNames: ['exporter'],
      registers: [registry],
    });
    this.dropped = new Counter({
      name: `${prefix}_exporter_dropped_batches_total`,
      help: 'Batches a sink did not receive, by reason (busy: the previous write was still in flight).',
      labelNames: ['exporter', 'reason'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: `${prefix}_exporter_failures_total`,
      help: 'Failed sink writes by error class (permanent, retryable, partial, timeout).',
      labelNames: ['exporter', 'class'],
      registers: [registry],
    });
  }
}
