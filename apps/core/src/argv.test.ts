import { describe, expect, it } from '@jest/globals';
import { normalizeFlagNames } from './argv.js';

describe('normalizeFlagNames', () => {
  it('should accept Heapster underscore spellings and Go single-dash long flags', () => {
    expect(
      normalizeFlagNames([
        '--metric_resolution=30s',
        '--sink',
        'influxdb:http://h?with_fields=x',
        '-heapster_port=8082',
        '--tls-cert',
        '/a_b.pem',
        '-h',
      ]),
    ).toEqual([
      '--metric-resolution=30s',
      '--sink',
      'influxdb:http://h?with_fields=x',
      '--heapster-port=8082',
      '--tls-cert',
      '/a_b.pem',
      '-h',
    ]);
  });

  it('should keep underscores in values given with =', () => {
    expect(normalizeFlagNames(['--store_label=new_name=app_label'])).toEqual([
      '--store-label=new_name=app_label',
    ]);
  });
});
