import { gclSinkFactory } from '@heapster/sink-gcl';
import { httpSinkFactory } from '@heapster/sink-http';
import { influxdbSinkFactory } from '@heapster/sink-influxdb';
import { logSinkFactory } from '@heapster/sink-log';
import { duckdbSinkFactory } from '@heapster/store-duckdb';
import { SinkRegistry, type SinkFactory } from '@heapster/sink';

/**
 * The event sinks this binary supports, from explicit imports (no discovery): an unknown
 * --sink type is a start-up error listing these.
 */
export const EVENTER_SINK_FACTORIES: readonly SinkFactory[] = [
  logSinkFactory,
  influxdbSinkFactory,
  httpSinkFactory,
  duckdbSinkFactory,
  gclSinkFactory,
];

export function eventerSinkRegistry(
  factories: readonly SinkFactory[] = EVENTER_SINK_FACTORIES,
): SinkRegistry {
  return new SinkRegistry(factories);
}
