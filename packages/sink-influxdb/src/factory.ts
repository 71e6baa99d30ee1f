import type { SinkFactory } from '@heapster/sink';
import { parseConfig, type InfluxdbSinkConfig } from './config.js';
import { InfluxdbEventSink } from './event-sink.js';
import type { LineWriter } from './line-writer.js';
import { InfluxdbMetricSink } from './metric-sink.js';
import { V1Writer } from './v1-writer.js';
import { V2Writer } from './v2-writer.js';
import type { Logger } from '@heapster/runtime';

function createWriter(config: InfluxdbSinkConfig, logger: Logger): LineWriter {
  return config.version === 2 ? new V2Writer(config) : new V1Writer(config, logger);
}

/**
 * `--sink=influxdb:http://host:8086?db=k8s&...` (InfluxDB 1.x) or
 * `--sink=influxdb:http://host:8086?version=2&org=..&bucket=..&token=..` (v2 write API).
 */
export const influxdbSinkFactory = {
  type: 'influxdb',
  signals: { metrics: 'stable', events: 'beta' },
  parseConfig,
  createMetricSink: (config, settings) =>
    new InfluxdbMetricSink(config, createWriter(config, settings.logger), settings.logger),
  createEventSink: (config, settings) =>
    new InfluxdbEventSink(config, createWriter(config, settings.logger), settings.clock),
} satisfies SinkFactory<InfluxdbSinkConfig>;
