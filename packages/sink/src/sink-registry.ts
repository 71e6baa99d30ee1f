import { ConfigError, type FieldProblem } from '@heapster/runtime';
import type { SinkFactory, SinkSettings } from './sink-factory.js';
import { parseSinkUri, type SinkUri } from './sink-uri.js';
import type { EventSink, MetricSink } from './sink.js';

export type SinkSignal = 'metrics' | 'events';

/** A sink URI that parsed and validated, with the factory that will build it. */
export interface ResolvedSink {
  readonly uri: SinkUri;
  readonly factory: SinkFactory;
  readonly config: unknown;
}

/**
 * The static map of sink types a binary supports, built from explicit imports in its wiring
 * (no discovery, no dynamic import). Unknown types are start-up errors that list the known ones.
 */
export class SinkRegistry {
  private readonly _byType = new Map<string, SinkFactory>();

  constructor(factories: readonly SinkFactory[]) {
    for (const factory of factories) {
      for (const type of [factory.type, ...(factory.aliases ?? [])]) {
        if (this._byType.has(type)) throw new Error(`sink type "${type}" is registered twice`);
        this._byType.set(type, factory);
      }
    }
  }

  types(signal: SinkSignal): string[] {
    return [...this._byType.entries()]
      .filter(([, factory]) => factory.signals[signal] !== undefined)
      .map(([type]) => type)
      .sort();
  }

  /** Parses and validates every `--sink` value; throws one ConfigError listing all problems. */
  resolve(
    values: readonly string[],
    signal: SinkSignal,
    env?: Readonly<Record<string, string | undefined>>,
  ): ResolvedSink[] {
    const problems: FieldProblem[] = [];
    const resolved: ResolvedSink[] = [];
    for (const value of values) {
      try {
        const uri = parseSinkUri(value, env);
        const factory = this._byType.get(uri.type);
        if (factory === undefined || factory.signals[signal] === undefined) {
          problems.push({
            field: `--sink=${uri.masked}`,
            message: `unknown ${signal} sink type "${uri.type}" (supported: ${this.types(signal).join(', ')})`,
          });
          continue;
        }
        resolved.push({ uri, factory, config: factory.parseConfig(uri) });
      } catch (error) {
        if (error instanceof ConfigError) problems.push(...error.problems);
        else problems.push({ field: `--sink=${value}`, message: String(error) });
      }
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return resolved;
  }

  createMetricSinks(
    resolved: readonly ResolvedSink[],
    settings: (type: string) => SinkSettings,
  ): MetricSink[] {
    return resolved.map(({ factory, config, uri }) => {
      if (factory.createMetricSink === undefined)
        throw new Error(`sink "${uri.type}" has no metrics signal`);
      return factory.createMetricSink(config, settings(factory.type));
    });
  }

  createEventSinks(
    resolved: readonly ResolvedSink[],
    settings: (type: string) => SinkSettings,
  ): EventSink[] {
    return resolved.map(({ factory, config, uri }) => {
      if (factory.createEventSink === undefined)
        throw new Error(`sink "${uri.type}" has no events signal`);
      return factory.createEventSink(config, settings(factory.type));
    });
  }
}
