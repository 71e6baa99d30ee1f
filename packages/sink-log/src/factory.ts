import type { SinkFactory } from '@heapster/sink';
import { parseConfig, type LogSinkConfig } from './config.js';
import { LogEventSink } from './event-sink.js';
import { LogMetricSink } from './metric-sink.js';
import type { LogStream } from './output-writer.js';

/** The streams the `output` option chooses between; injectable for tests and embedding. */
export interface LogStreams {
  readonly stdout: LogStream;
  readonly stderr: LogStream;
}

/** A `log` sink factory writing to the given streams instead of the process's own. */
export function createLogSinkFactory(streams: LogStreams): SinkFactory<LogSinkConfig> {
  return {
    type: 'log',
    signals: { metrics: 'stable', events: 'stable' },
    parseConfig,
    createMetricSink: config => new LogMetricSink(config, streams[config.output]),
    createEventSink: (config, settings) =>
      new LogEventSink(config, streams[config.output], settings.clock),
  } satisfies SinkFactory<LogSinkConfig>;
}

/** `--sink=log[?format=text|json&output=stdout|stderr&max_sets=N&max_events=N]`. */
export const logSinkFactory = createLogSinkFactory({
  stdout: process.stdout,
  stderr: process.stderr,
}) satisfies SinkFactory<LogSinkConfig>;
