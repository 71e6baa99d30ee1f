import { OptionReader, type SinkUri } from '@heapster/sink';

export type LogFormat = 'text' | 'json';
export type LogOutput = 'stdout' | 'stderr';

/** Options of `--sink=log[?format=json&output=stderr&max_sets=100]` (see README). */
export interface LogSinkConfig {
  /** `text`: Heapster's readable dump; `json`: one JSON object per metric set or event. */
  readonly format: LogFormat;
  /** Which standard stream receives the output. */
  readonly output: LogOutput;
  /** At most this many metric sets per batch (in key order); 0 = all of them. */
  readonly maxSets: number;
  /** At most this many events per batch; 0 = all of them. */
  readonly maxEvents: number;
}

export const LOG_SINK_DEFAULTS: LogSinkConfig = Object.freeze({
  format: 'text',
  output: 'stdout',
  maxSets: 0,
  maxEvents: 0,
});

/** Pure: reads and validates the options; every bad or unknown option is reported at once. */
export function parseConfig(uri: SinkUri): LogSinkConfig {
  const options = new OptionReader(uri);
  const config: LogSinkConfig = {
    format: options.oneOf('format', ['text', 'json'] as const, LOG_SINK_DEFAULTS.format),
    output: options.oneOf('output', ['stdout', 'stderr'] as const, LOG_SINK_DEFAULTS.output),
    maxSets: options.integer('max_sets', LOG_SINK_DEFAULTS.maxSets, { min: 0 }),
    maxEvents: options.integer('max_events', LOG_SINK_DEFAULTS.maxEvents, { min: 0 }),
  };
  if (uri.target !== '') {
    // Heapster's log sink took no target; a value here is most likely a misplaced option.
    options.problem('target', `"${uri.target}" is not expected: write log or log:?format=json`);
  }
  options.done();
  return Object.freeze(config);
}
