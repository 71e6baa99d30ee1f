import { describe, expect, it } from '@jest/globals';
import { CORE_SINK_MODULES, loadCoreSinkRegistry } from './sink-factories.js';

describe('core sink modules', () => {
  it('name the types and aliases of the factories they load', async () => {
    for (const module of CORE_SINK_MODULES) {
      const factory = await module.load();
      expect([factory.type, ...(factory.aliases ?? [])]).toEqual([
        module.type,
        ...(module.aliases ?? []),
      ]);
      expect(factory.signals.metrics).toBeDefined();
    }
  });

  it('build a registry of the named sinks only', async () => {
    expect((await loadCoreSinkRegistry(['log', 'gcm'])).types('metrics')).toEqual([
      'gcm',
      'log',
      'stackdriver',
    ]);
    expect((await loadCoreSinkRegistry(['nope'])).types('metrics')).toEqual([
      'duckdb',
      'gcm',
      'http',
      'influxdb',
      'log',
      'stackdriver',
    ]);
  });
});
