import type { SinkFactory } from '@heapster/sink';
import { parseConfig, type GclSinkConfig } from './config.js';
import { GclEventSink } from './event-sink.js';

/** `--sink=gcl[:?options]`: Kubernetes events to Cloud Logging (Heapster's eventer sink). */
export const gclSinkFactory = {
  type: 'gcl',
  signals: { events: 'beta' },
  parseConfig,
  createEventSink: (config, settings) => new GclEventSink(config, settings),
} satisfies SinkFactory<GclSinkConfig>;
