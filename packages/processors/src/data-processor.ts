import type { DataBatch } from '@heapster/model';

/**
 * One step of the processor chain (Heapster's `DataProcessor`). Batches are columnar and
 * processed in place: a processor reads and writes rows and columns of the batch it is given
 * and returns nothing. Processors are synchronous; whatever they need from the cluster comes
 * from in-memory caches handed to them at construction.
 */
export interface DataProcessor {
  /** Stable name: the `processor` label of the self-metrics and the key of log lines. */
  readonly name: string;
  process(batch: DataBatch): void;
  /**
   * The same work as `process`, in steps: `turn` is awaited between them and gives the event
   * loop a turn when the step budget is spent. Offered by processors that take a large part of a
   * second on a 100,000-pod batch, so that API requests are not held up for all of it.
   */
  processInSlices?(batch: DataBatch, turn: () => Promise<void>): Promise<void>;
}
