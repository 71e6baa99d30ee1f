import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { OptionReader } from './option-reader.js';
import { parseSinkUri } from './sink-uri.js';

function reader(raw: string): OptionReader {
  return new OptionReader(parseSinkUri(raw, {}));
}

describe('OptionReader', () => {
  it('should apply defaults and parse typed values', () => {
    const options = reader('influxdb:http://h?withfields=true&concurrency=4&timeout=1m30s&batch=2');
    expect(options.string('db', 'k8s')).toBe('k8s');
    expect(options.boolean('withfields', false)).toBe(true);
    expect(options.integer('concurrency', 1, { min: 1 })).toBe(4);
    expect(options.duration('timeout', 10_000)).toBe(90_000);
    expect(options.duration('batch', 0)).toBe(2000);
    expect(() => options.done()).not.toThrow();
  });

  it('should report every bad value and unknown key together, naming each', () => {
    const options = reader(
      'influxdb:http://h?withfields=maybe&concurrency=0&timeout=soon&colour=red',
    );
    options.boolean('withfields', false);
    options.integer('concurrency', 1, { min: 1 });
    options.duration('timeout', 10_000);
    let error: unknown;
    try {
      options.done();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const fields = (error as ConfigError).problems.map(p => p.field);
    expect(fields).toEqual([
      'influxdb sink option withfields',
      'influxdb sink option concurrency',
      'influxdb sink option timeout',
      'influxdb sink option colour',
    ]);
    expect((error as ConfigError).message).toContain('"maybe" is not a boolean');
    expect((error as ConfigError).message).toContain('0 is below the minimum 1');
    expect((error as ConfigError).message).toContain(
      'unknown option (known: concurrency, timeout, withfields)',
    );
  });

  it('should read lists from repeats and commas, and enumerations', () => {
    const options = reader('kafka:?brokers=a,b&brokers=c&compression=zstd');
    expect(options.list('brokers')).toEqual(['a', 'b', 'c']);
    expect(options.oneOf('compression', ['none', 'gzip'] as const, 'none')).toBe('none');
    expect(() => options.done()).toThrow('"zstd" is not one of none, gzip');
  });
});
