import { describe, expect, it } from '@jest/globals';
import type { SinkFactory } from '@heapster/sink';
import {
  EVENTER_SINK_MODULES,
  loadEventerSinkFactories,
  requestedSinkTypes,
  type EventerSinkModule,
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

  it('loads only the sinks asked for, or all of them for an unknown type', async () => {
    const loaded: string[] = [];
    const fake = (type: string): EventerSinkModule => ({
      type,
      load: async () => {
        loaded.push(type);
        return { type, signals: { events: 'stable' }, parseConfig: () => ({}) } as SinkFactory;
      },
    });
    const modules = [fake('log'), fake('duckdb'), fake('gcl')];
    const types = async (asked?: string[]) =>
      (await loadEventerSinkFactories(asked, modules)).map(f => f.type);
    expect(await types(['duckdb', 'duckdb'])).toEqual(['duckdb']);
    expect(loaded).toEqual(['duckdb']);
    expect(await types(['log', 'kafka'])).toEqual(['log', 'duckdb', 'gcl']);
    expect(await types(undefined)).toEqual(['log', 'duckdb', 'gcl']);
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
