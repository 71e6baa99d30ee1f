import type { Clock, Logger } from '@heapster/runtime';
import type { Registry } from 'prom-client';
import type { EventSink, MetricSink } from './sink.js';
import type { SinkUri } from './sink-uri.js';

export type Stability = 'stable' | 'beta' | 'alpha';

/** What every sink constructor receives besides its own config. Constructors do no I/O. */
export interface SinkSettings {
  /** Already bound to `{ sink: <type> }`. */
  readonly logger: Logger;
  readonly clock: Clock;
  /** Self-metrics registry of the binary (`/metrics`). */
  readonly registry: Registry;
}

/**
 * One backend's sink package exports one factory value (checked with `satisfies SinkFactory`):
 * its URI type (plus Heapster aliases), the signals it serves, a pure `parseConfig`, and a
 * constructor per signal.
 */
export interface SinkFactory<Config = unknown> {
  readonly type: string;
  readonly aliases?: readonly string[];
  readonly signals: { readonly metrics?: Stability; readonly events?: Stability };
  /** Pure; applies documented defaults; throws ConfigError naming every bad or unknown option. */
  parseConfig(uri: SinkUri): Config;
  createMetricSink?(config: Config, settings: SinkSettings): MetricSink;
  createEventSink?(config: Config, settings: SinkSettings): EventSink;
}
