import type { SinkFactory } from '@heapster/sink';
import { parseConfig, type StackdriverSinkConfig } from './config.js';
import { StackdriverMetricSink } from './metric-sink.js';

/**
 * `--sink=stackdriver[:?options]` (Cloud Monitoring, formerly Stackdriver). `gcm` — Heapster's
 * older Google Cloud Monitoring sink — is an alias: the same time series, with Heapster gcm's
 * `metrics=all|autoscaling` choice (autoscaling: node series only).
 */
export const stackdriverSinkFactory = {
  type: 'stackdriver',
  aliases: ['gcm'],
  signals: { metrics: 'beta' },
  parseConfig,
  createMetricSink: (config, settings) => new StackdriverMetricSink(config, settings),
} satisfies SinkFactory<StackdriverSinkConfig>;
