import { describe, expect, it } from '@jest/globals';
import { expandEnv, splitFlagUri } from './flag-uri.js';

describe('splitFlagUri', () => {
  it.each([
    ['log', 'log', '', ''],
    ['influxdb:http://h:8086?db=k8s', 'influxdb', 'http://h:8086', 'db=k8s'],
    ['gcm?metrics=autoscaling', 'gcm', '', 'metrics=autoscaling'],
    ['kubernetes.summary_api:', 'kubernetes.summary_api', '', ''],
  ])(
    'should split %s at the first colon, then at the question mark',
    (raw, type, target, options) => {
      const uri = splitFlagUri(raw, {});
      expect([uri.type, uri.target, uri.options.toString()]).toEqual([type, target, options]);
    },
  );

  it('should expand environment variables after the type, unset ones to empty', () => {
    expect(
      splitFlagUri('influxdb:http://$HOST:${PORT}?pw=$NONE', { HOST: 'h', PORT: '1' }).target,
    ).toBe('http://h:1');
    expect(expandEnv('a$B-c', { B: 'x' })).toBe('ax-c');
  });
});
