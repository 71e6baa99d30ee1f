import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { resolveStoreOptions } from './store-options.js';

describe('resolveStoreOptions', () => {
  it("should default to Heapster's 140 s and 15 min at a 60 s resolution", () => {
    expect(resolveStoreOptions({ resolutionMs: 60_000 })).toEqual({
      resolutionMs: 60_000,
      shortWindowMs: 140_000,
      longWindowMs: 900_000,
      longWindowPrecision: 'float32',
      pointsPerSeries: 15,
    });
  });

  it('should keep three batches and 60 points per series at 15 s', () => {
    const options = resolveStoreOptions({ resolutionMs: 15_000 });
    expect(options.shortWindowMs).toBe(35_000);
    expect(options.pointsPerSeries).toBe(60);
  });

  it('should round the points per series up when the resolution does not divide the window', () => {
    expect(resolveStoreOptions({ resolutionMs: 7_000 }).pointsPerSeries).toBe(129);
  });

  it('should report every bad field together, each by name', () => {
    let error: unknown;
    try {
      resolveStoreOptions({
        resolutionMs: 0,
        longWindowMs: -1,
        longWindowPrecision: 'float16' as 'float32',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const fields = (error as ConfigError).problems.map(p => p.field);
    expect(fields).toEqual(['resolutionMs', 'longWindowMs', 'longWindowPrecision']);
    expect((error as ConfigError).message).toContain('"float16"');
  });

  it('should refuse a short window longer than the long one', () => {
    expect(() =>
      resolveStoreOptions({ resolutionMs: 15_000, shortWindowMs: 600_000, longWindowMs: 300_000 }),
    ).toThrow('shortWindowMs: 600000 ms must not exceed longWindowMs (300000 ms)');
  });

  it('should refuse a ring that would hold an absurd number of points', () => {
    expect(() => resolveStoreOptions({ resolutionMs: 1, longWindowMs: 900_000 })).toThrow(
      /longWindowMs: .*900000 points per series/,
    );
  });
});
