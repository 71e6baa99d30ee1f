import type { SinkFactory } from '@heapster/sink';
import { parseConfig, type HttpSinkConfig } from './config.js';
import { HttpEventSink } from './event-sink.js';
import { JsonPoster } from './json-poster.js';
import { HttpMetricSink } from './metric-sink.js';

/** `--sink=http:https://collector:8443/heapster?token=$TOKEN&gzip=true` (see README). */
export const httpSinkFactory = {
  type: 'http',
  signals: { metrics: 'beta', events: 'beta' },
  parseConfig,
  createMetricSink: (config, _settings) => new HttpMetricSink(config, new JsonPoster(config)),
  createEventSink: (config, settings) =>
    new HttpEventSink(config, new JsonPoster(config), settings.clock),
} satisfies SinkFactory<HttpSinkConfig>;
