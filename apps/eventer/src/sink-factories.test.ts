import { describe, expect, it } from '@jest/globals';
import type { SinkFactory } from '@heapster/sink';
import {
  EVENTER_SINK_MODULES,
  loadEventerSinkRegistry,
  requestedSinkTypes,
} from './sink-factories.js';

describe('the eventer sink table', () => {
  it('names each factory by the type and aliases the factory itself declares', async () => {
    for (const module of EVENTER_SINK_MODULES) {
      const factory = await module.load();
      expect({ type: module.type, aliases: module.aliases ?? [] }).toEqual({
        type: factory.type,
        aliases: factory.aliases ?? [],
      });
      expect(factory.signals.events).toBeDefined();
    }
  });

  it('builds a registry of the sinks asked for, or of all of them for an unknown type', async () => {
    expect((await loadEventerSinkRegistry(['duckdb', 'duckdb'])).types('events')).toEqual([
      'duckdb',
    ]);
    const everything = ['duckdb', 'gcl', 'http', 'influxdb', 'log'];
    expect((await loadEventerSinkRegistry(['log', 'kafka'])).types('events')).toEqual(everything);
    expect((await loadEventerSinkRegistry()).types('events')).toEqual(everything);
  });

  it("adds the extra factories (the tests' in-memory sink) to those loaded", async () => {
    const memory = {
      type: 'memory',
      signals: { events: 'stable' },
      parseConfig: () => ({}),
    } as SinkFactory;
    const registry = await loadEventerSinkRegistry(['log'], [memory]);
    expect(registry.types('events')).toEqual(['log', 'memory']);
  });
});

describe('requestedSinkTypes', () => {
  it('reads the types of the --sink values, in every flag spelling', () => {
    expect(
      requestedSinkTypes(
        [
          '--sink=log',
          '--sink',
          'influxdb:http://h:8086?db=k8s&types=Warning',
          '--sink=duckdb:$DIR/x',
        ],
        { DIR: '/var/lib' },
      ),
    ).toEqual(['log', 'influxdb', 'duckdb']);
  });

  it('gives the quick-start default, and undefined when the command line does not parse', () => {
    expect(requestedSinkTypes(['--quickstart'], {})).toEqual(['duckdb', 'log']);
    expect(requestedSinkTypes([], {})).toBeUndefined();
    expect(requestedSinkTypes(['--no-such-flag', '--sink=log'], {})).toBeUndefined();
    expect(requestedSinkTypes(['--sink=:bad'], {})).toBeUndefined();
    expect(requestedSinkTypes(['--help'], {})).toBeUndefined();
  });
});
