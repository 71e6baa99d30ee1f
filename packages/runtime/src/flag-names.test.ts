import { describe, expect, it } from '@jest/globals';
import { normalizeFlagNames } from './flag-names.js';

describe('normalizeFlagNames', () => {
  it('should accept Heapster underscore spellings and Go single-dash long flags', () => {
    expect(
      normalizeFlagNames([
        '--healthz_port=8084',
        '--sink',
        'influxdb:http://h?with_fields=x',
        '-max_procs=2',
        '--checkpoint-file',
        '/var/lib/a_b.json',
        '-h',
        '-v=4',
      ]),
    ).toEqual([
      '--healthz-port=8084',
      '--sink',
      'influxdb:http://h?with_fields=x',
      '--max-procs=2',
      '--checkpoint-file',
      '/var/lib/a_b.json',
      '-h',
      '--v=4',
    ]);
  });

  it('should keep underscores in values given with =', () => {
    expect(normalizeFlagNames(['--sink=log?max_events=5'])).toEqual(['--sink=log?max_events=5']);
  });

  it('should leave positional arguments and lone dashes untouched', () => {
    expect(normalizeFlagNames(['some_file', '-', '--'])).toEqual(['some_file', '-', '--']);
  });
});
