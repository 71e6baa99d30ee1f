import type { DataBatch } from '@heapster/model';
import type { Logger } from '@heapster/runtime';
import type { Registry } from 'prom-client';
import type { DataProcessor } from './data-processor.js';
import { ProcessorMetrics } from './processor-metrics.js';

/** Longest run of a sliced processor between two turns of the event loop. */
const SLICE_MS = 10;

const nextTurn = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

export interface ProcessorChainOptions {
  /** The processors, in the order they run (Heapster's: see heapsterProcessors). */
  readonly processors: readonly DataProcessor[];
  readonly logger: Logger;
  /** Where `heapster_processor_duration_milliseconds` and the failure count are registered. */
  readonly registry: Registry;
  /** Monotonic milliseconds for the durations; `performance.now` by default. */
  readonly now?: () => number;
}

/** A processor that threw on a batch. */
export interface ProcessorFailure {
  readonly processor: string;
  readonly error: unknown;
}

/**
 * Runs the processors over a batch in order, timing each one.
 *
 * Unlike Heapster, where any processor error aborted the batch, a processor that throws does
 * not lose the batch: the failure is counted, logged once per change (when a processor starts
 * failing or fails differently, and when it recovers — not once a batch), and the chain goes
 * on with the next processor. A batch with, say, no namespace ids is worth more to the APIs
 * and sinks than no batch; the rows that processor would have written are simply missing, and
 * what it wrote before throwing stays.
 */
export class ProcessorChain implements DataProcessor {
  readonly name = 'processor_chain';
  private readonly _processors: readonly DataProcessor[];
  private readonly _logger: Logger;
  private readonly _metrics: ProcessorMetrics;
  private readonly _now: () => number;
  private readonly _lastError = new Map<string, string>();

  constructor(options: ProcessorChainOptions) {
    const names = new Set<string>();
    for (const processor of options.processors) {
      if (names.has(processor.name))
        throw new RangeError(`processor "${processor.name}" is in the chain twice`);
      names.add(processor.name);
    }
    this._processors = [...options.processors];
    this._logger = options.logger;
    this._metrics = new ProcessorMetrics(options.registry);
    this._now = options.now ?? (() => performance.now());
  }

  /** Processor names in order. */
  get processorNames(): string[] {
    return this._processors.map(processor => processor.name);
  }

  /** Runs every processor; returns those that threw (empty when all went well). */
  process(batch: DataBatch): readonly ProcessorFailure[] {
    const failures: ProcessorFailure[] = [];
    for (const processor of this._processors) this._runOne(processor, batch, failures);
    return failures;
  }

  /**
   * process(), with a turn of the event loop before each processor: at 100,000 pods the chain
   * takes the best part of a second, and a request to the API (kubectl top, the HPA) arriving
   * meanwhile then waits for one processor, not for all of them. The batch is not published
   * until the chain is done, so nobody sees it half processed.
   */
  async processYielding(batch: DataBatch): Promise<readonly ProcessorFailure[]> {
    const failures: ProcessorFailure[] = [];
    let sliceStart = this._now();
    // A processor that offers processInSlices gets a turn of the loop every SLICE_MS.
    const turn = async (): Promise<void> => {
      if (this._now() - sliceStart < SLICE_MS) return;
      await nextTurn();
      sliceStart = this._now();
    };
    for (const processor of this._processors) {
      await nextTurn();
      sliceStart = this._now();
      if (processor.processInSlices === undefined) this._runOne(processor, batch, failures);
      else await this._runOneInSlices(processor, batch, failures, turn);
    }
    return failures;
  }

  private async _runOneInSlices(
    processor: DataProcessor,
    batch: DataBatch,
    failures: ProcessorFailure[],
    turn: () => Promise<void>,
  ): Promise<void> {
    const started = this._now();
    try {
      await processor.processInSlices?.(batch, turn);
      this._done(processor, batch, failures, started);
    } catch (error) {
      this._done(processor, batch, failures, started, { error });
    }
  }

  private _runOne(processor: DataProcessor, batch: DataBatch, failures: ProcessorFailure[]): void {
    const started = this._now();
    try {
      processor.process(batch);
      this._done(processor, batch, failures, started);
    } catch (error) {
      this._done(processor, batch, failures, started, { error });
    }
  }

  /** Records a processor's run: its duration, and its failure or recovery. */
  private _done(
    processor: DataProcessor,
    batch: DataBatch,
    failures: ProcessorFailure[],
    started: number,
    failure?: { readonly error: unknown },
  ): void {
    this._metrics.duration.observe({ processor: processor.name }, this._now() - started);
    if (failure === undefined) {
      this._recovered(processor.name);
      return;
    }
    failures.push({ processor: processor.name, error: failure.error });
    this._failed(processor.name, failure.error, batch.timestamp);
  }

  private _failed(name: string, error: unknown, timestamp: number): void {
    this._metrics.failures.inc({ processor: name });
    const message = error instanceof Error ? error.message : String(error);
    if (this._lastError.get(name) === message) return;
    this._lastError.set(name, message);
    this._logger.error('processor failed; the batch goes on without it', {
      processor: name,
      batch: timestamp,
      error: error instanceof Error ? (error.stack ?? message) : message,
    });
  }

  private _recovered(name: string): void {
    if (!this._lastError.delete(name)) return;
    this._logger.info('processor recovered', { processor: name });
  }
}
