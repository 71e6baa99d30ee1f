import type { SinkFactory } from '@heapster/sink';
import { SinkRegistry } from '@heapster/sink';
import { httpSinkFactory } from '@heapster/sink-http';
import { influxdbSinkFactory } from '@heapster/sink-influxdb';
import { logSinkFactory } from '@heapster/sink-log';
import { stackdriverSinkFactory } from '@heapster/sink-stackdriver';
import { duckdbSinkFactory } from '@heapster/store-duckdb';

/**
 * The metric sinks this binary supports, by explicit import (no discovery): an unknown
 * `--sink` type is a start-up error that lists these.
 */
export const CORE_SINK_FACTORIES: readonly SinkFactory[] = [
  logSinkFactory,
  httpSinkFactory,
  influxdbSinkFactory,
  stackdriverSinkFactory,
  duckdbSinkFactory,
];

export function coreSinkRegistry(): SinkRegistry {
  return new SinkRegistry(CORE_SINK_FACTORIES);
}
