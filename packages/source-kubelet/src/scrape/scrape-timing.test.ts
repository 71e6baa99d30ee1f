import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import {
  defaultKubeletTimeoutMs,
  kubeletTimeoutProblems,
  longestKubeletTimeoutMs,
  maxStaggerMs,
  validateKubeletTimeout,
} from './scrape-timing.js';

describe('scrape timing', () => {
  it('staggers 8 ms per node up to 4 s, and at most a tenth of the resolution', () => {
    expect(maxStaggerMs(10, 60_000)).toBe(80);
    expect(maxStaggerMs(1000, 60_000)).toBe(4000);
    expect(maxStaggerMs(1000, 15_000)).toBe(1500);
    expect(maxStaggerMs(0, 15_000)).toBe(0);
  });

  it('lets the timeout run to 90 % of the resolution minus the stagger', () => {
    expect(longestKubeletTimeoutMs(60_000)).toBe(50_000);
    expect(longestKubeletTimeoutMs(15_000)).toBe(12_000);
    expect(longestKubeletTimeoutMs(5_000)).toBe(4_000);
  });

  it('defaults to 10 s, shorter when the resolution is short', () => {
    expect(defaultKubeletTimeoutMs(60_000)).toBe(10_000);
    expect(defaultKubeletTimeoutMs(5_000)).toBe(4_000);
  });

  it('accepts a timeout that fits and names kubeletTimeout when one does not', () => {
    expect(kubeletTimeoutProblems(10_000, 15_000)).toEqual([]);
    expect(() => validateKubeletTimeout(12_001, 15_000)).toThrow(ConfigError);
    expect(() => validateKubeletTimeout(12_001, 15_000)).toThrow(
      'kubeletTimeout: 12001 ms does not fit the 15000 ms metric_resolution: at most 12000 ms',
    );
    expect(kubeletTimeoutProblems(0, 15_000)).toEqual([
      { field: 'kubeletTimeout', message: 'must be a positive duration, got 0 ms' },
    ]);
  });
});
