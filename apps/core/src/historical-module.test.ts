import { describe, expect, it } from '@jest/globals';
import { loadHistoricalModule } from './historical-module.js';

describe('loadHistoricalModule', () => {
  it('imports nothing when no --historical_source is given', async () => {
    await expect(loadHistoricalModule(undefined)).resolves.toBeUndefined();
  });

  it('brings the parser, the opener and the route plugin when one is given', async () => {
    const loaded = await loadHistoricalModule('duckdb:/tmp/x.duckdb');
    expect(loaded).toBeDefined();
    const spec = loaded?.parseHistoricalSourceUri('duckdb:/tmp/x.duckdb', '--historical_source');
    expect(spec?.type).toBe('duckdb');
    expect(typeof loaded?.openHistoricalSource).toBe('function');
    expect(typeof loaded?.historicalApiPlugin).toBe('function');
  });
});
