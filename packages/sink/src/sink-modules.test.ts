import { describe, expect, it } from '@jest/globals';
import { loadSinkFactories, type SinkModule } from './sink-modules.js';
import type { SinkFactory } from './sink-factory.js';

function module(type: string, aliases: string[] = []): SinkModule & { loads: number } {
  const entry = {
    type,
    aliases,
    loads: 0,
    load(): Promise<SinkFactory> {
      entry.loads++;
      return Promise.resolve({ type, aliases, signals: {}, parseConfig: () => ({}) });
    },
  };
  return entry;
}

describe('loadSinkFactories', () => {
  it('imports only the sinks the command line names, aliases included', async () => {
    const modules = [module('log'), module('duckdb'), module('stackdriver', ['gcm'])];
    const factories = await loadSinkFactories(modules, ['gcm', 'log']);
    expect(factories.map(f => f.type)).toEqual(['log', 'stackdriver']);
    expect(modules.map(m => m.loads)).toEqual([1, 0, 1]);
  });

  it('imports every sink when a type is unknown or the types are not known', async () => {
    const modules = [module('log'), module('duckdb')];
    expect((await loadSinkFactories(modules, ['nope'])).map(f => f.type)).toEqual([
      'log',
      'duckdb',
    ]);
    expect((await loadSinkFactories(modules)).length).toBe(2);
    expect(await loadSinkFactories(modules, [])).toEqual([]);
  });
});
