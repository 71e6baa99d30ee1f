import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import {
  DUCKDB_DEFAULTS,
  formatRetention,
  parseConfig,
  parseRetention,
  type DuckDbConfig,
} from './config.js';

const parse = (raw: string) => parseConfig(parseSinkUri(raw, { DATA: '/var/lib/heapster' }));

function problems(raw: string): string[] {
  try {
    parse(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map(p => `${p.field}: ${p.message}`);
  }
  throw new Error(`${raw} parsed without error`);
}

describe('duckdb sink config', () => {
  it.each<[string, Partial<DuckDbConfig>]>([
    ['duckdb', {}],
    ['duckdb:', {}],
    ['duckdb::memory:', {}],
    ['duckdb:data/metrics.duckdb', { path: 'data/metrics.duckdb' }],
    [
      'duckdb:$DATA/metrics.duckdb?retention=30d',
      { path: '/var/lib/heapster/metrics.duckdb', retentionMs: 30 * 86_400_000 },
    ],
    ['duckdb:m.db?retention=36h', { path: 'm.db', retentionMs: 36 * 3_600_000 }],
    ['duckdb:m.db?retention=1d12h', { path: 'm.db', retentionMs: 36 * 3_600_000 }],
    ['duckdb:m.db?retention=0', { path: 'm.db', retentionMs: 0 }],
    [
      'duckdb:m.db?compact_rows=500000&memory_limit=2GB&threads=2&snapshot=5m',
      { path: 'm.db', compactRows: 500_000, memoryLimit: '2GB', threads: 2, snapshotMs: 300_000 },
    ],
    ['duckdb:m.db.snapshot?read_only=true', { path: 'm.db.snapshot', readOnly: true }],
  ])('should read %s', (raw, expected) => {
    expect(parse(raw)).toEqual({ ...DUCKDB_DEFAULTS, ...expected });
  });

  it.each<[string, string[]]>([
    [
      'duckdb:m.db?retention=forever',
      ['duckdb sink option retention: "forever" is not a duration (e.g. 30d, 36h, 0 = forever)'],
    ],
    [
      'duckdb:m.db?retention=-1d',
      ['duckdb sink option retention: "-1d" is not a duration (e.g. 30d, 36h, 0 = forever)'],
    ],
    [
      'duckdb:m.db?retention=30m',
      ['duckdb sink option retention: 30m is below the minimum of 1h (or 0 = forever)'],
    ],
    [
      'duckdb:m.db?compact_rows=10',
      ['duckdb sink option compact_rows: 10 is below the minimum 10000'],
    ],
    [
      'duckdb:m.db?memory_limit=lots',
      ['duckdb sink option memory_limit: "lots" is not a size (e.g. 512MB, 2GB)'],
    ],
    ['duckdb:m.db?threads=0', ['duckdb sink option threads: 0 is below the minimum 1']],
    [
      'duckdb:m.db?snapshot=1s',
      ['duckdb sink option snapshot: 1000 ms is below the minimum of 10s (or 0 = off)'],
    ],
    [
      'duckdb::memory:?snapshot=1m',
      ['duckdb sink option snapshot: an in-memory store has no file to snapshot'],
    ],
    [
      'duckdb:?read_only=true',
      ['duckdb sink option read_only: an in-memory store cannot be opened read-only'],
    ],
    [
      'duckdb:m.db?retenton=7d&threads=x',
      [
        'duckdb sink option threads: "x" is not an integer',
        'duckdb sink option retenton: unknown option (known: compact_rows, memory_limit, read_only, retention, snapshot, threads)',
      ],
    ],
  ])('should reject %s naming the option', (raw, expected) => {
    expect(problems(raw)).toEqual(expected);
  });

  it('should parse and print retentions in days', () => {
    expect(parseRetention('7d')).toBe(7 * 86_400_000);
    expect(parseRetention('90m')).toBe(5_400_000);
    expect(parseRetention('')).toBeUndefined();
    expect(formatRetention(7 * 86_400_000)).toBe('7d');
    expect(formatRetention(36 * 3_600_000)).toBe('36h');
    expect(formatRetention(0)).toBe('forever');
  });
});
