import { Counter, Summary, type Registry } from 'prom-client';

/**
 * The chain's self-metrics: Heapster's `heapster_processor_duration_milliseconds{processor}`
 * (§9) and, beyond Heapster, a count of processor failures. Registered once per registry.
 */
export class ProcessorMetrics {
  readonly duration: Summary<'processor'>;
  readonly failures: Counter<'processor'>;

  constructor(registry: Registry) {
    this.duration = new Summary({
      name: 'heapster_processor_duration_milliseconds',
      help: 'Time one processor spent on one batch, in milliseconds.',
      labelNames: ['processor'],
      percentiles: [0.5, 0.9, 0.99],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'heapster_processor_failures_total',
      help: 'Batches on which a processor threw; the chain went on with the next processor.',
      labelNames: ['processor'],
      registers: [registry],
    });
  }
}
