import { Registry } from 'prom-client';
import { noopLogger, systemClock } from '@heapster/runtime';
import { parseSinkUri, type SinkFactory } from '@heapster/sink';
import type { DataBatch } from '@heapster/model';

/** Writes batches through a real sink (what the core does), then flushes and shuts it down. */
export async function writeThroughSink(
  factory: SinkFactory,
  uri: string,
  batches: readonly DataBatch[],
): Promise<void> {
  const config = factory.parseConfig(parseSinkUri(uri));
  const create = factory.createMetricSink;
  if (create === undefined) throw new Error(`${factory.type} has no metric sink`);
  const sink = create(config, { logger: noopLogger, clock: systemClock, registry: new Registry() });
  const signal = new AbortController().signal;
  await sink.start({ signal });
  for (const batch of batches) await sink.write(batch, { signal });
  await sink.flush({ signal });
  await sink.shutdown({ signal });
}
