import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { DEFAULT_TAG_BLACKLIST, parseConfig, type InfluxdbSinkConfig } from './config.js';

const parse = (raw: string) => parseConfig(parseSinkUri(raw, { INFLUX_PW: 's3cret' }));

const DEFAULTS: InfluxdbSinkConfig = {
  url: 'http://localhost:8086',
  version: 1,
  user: 'root',
  password: 'root',
  database: 'k8s',
  retention: 'INF',
  retentionMs: 0,
  retentionExplicit: false,
  insecureSsl: false,
  withFields: false,
  clusterName: 'default',
  disableCounterMetrics: false,
  concurrency: 1,
  tagBlacklist: DEFAULT_TAG_BLACKLIST,
  timeoutMs: 10_000,
  batchSize: 10_000,
  org: '',
  bucket: 'k8s',
  token: undefined,
};

function problems(raw: string): string[] {
  try {
    parse(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map(p => `${p.field}: ${p.message}`);
  }
  throw new Error(`${raw} parsed without error`);
}

describe('influxdb sink config', () => {
  it.each<[string, Partial<InfluxdbSinkConfig>]>([
    ['influxdb', {}],
    ['influxdb:', {}],
    ['influxdb:http://monitoring-influxdb:8086', { url: 'http://monitoring-influxdb:8086' }],
    ['influxdb:influx:8086?secure=true', { url: 'https://influx:8086' }],
    ['influxdb:https://influx:8086/proxy/', { url: 'https://influx:8086/proxy' }],
    [
      'influxdb:http://admin:pa%24s@influx:8086',
      { url: 'http://influx:8086', user: 'admin', password: 'pa$s' },
    ],
    [
      'influxdb:?user=u&pw=$INFLUX_PW&db=metrics',
      { user: 'u', password: 's3cret', database: 'metrics', bucket: 'metrics' },
    ],
    [
      'influxdb:?retention=7d',
      { retention: '7d', retentionMs: 604_800_000, retentionExplicit: true },
    ],
    ['influxdb:?retention=0', { retentionExplicit: true }],
    [
      'influxdb:?retention=1h30m',
      { retention: '1h30m', retentionMs: 5_400_000, retentionExplicit: true },
    ],
    [
      'influxdb:?insecuressl=true&withfields=true&cluster_name=prod',
      { insecureSsl: true, withFields: true, clusterName: 'prod' },
    ],
    [
      'influxdb:?disable_counter_metrics=true&concurrency=4',
      { disableCounterMetrics: true, concurrency: 4 },
    ],
    ['influxdb:?tag_blacklist=pod_id,labels', { tagBlacklist: ['pod_id', 'labels'] }],
    ['influxdb:?tag_blacklist=', { tagBlacklist: [] }],
    ['influxdb:?timeout=2s&batch_size=5000', { timeoutMs: 2000, batchSize: 5000 }],
    [
      'influxdb:http://vm:8428?version=2&org=acme&bucket=k8s/autogen&token=abc',
      { url: 'http://vm:8428', version: 2, org: 'acme', bucket: 'k8s/autogen', token: 'abc' },
    ],
  ])('should parse %s', (raw, expected) => {
    expect(parse(raw)).toEqual({ ...DEFAULTS, ...expected });
  });

  it.each([
    ['influxdb:?dbname=k8s', 'influxdb sink option dbname: unknown option'],
    ['influxdb:?retention=30m', 'influxdb sink option retention: "30m" is shorter than'],
    [
      'influxdb:?retention=7days',
      'influxdb sink option retention: "7days" is not an InfluxQL duration',
    ],
    ['influxdb:?concurrency=0', 'influxdb sink option concurrency: 0 is below the minimum 1'],
    ['influxdb:?batch_size=ten', 'influxdb sink option batch_size: "ten" is not an integer'],
    ['influxdb:?withfields=yes', 'influxdb sink option withfields: "yes" is not a boolean'],
    ['influxdb:?timeout=fast', 'influxdb sink option timeout: "fast" is not a duration'],
    ['influxdb:?version=3', 'influxdb sink option version: "3" is not one of 1, 2'],
    ['influxdb:?db=', 'influxdb sink option db: must not be empty'],
    ['influxdb:udp://influx:8089', 'influxdb sink option target: "udp:" is not supported'],
    ['influxdb:?version=2&pw=x', 'influxdb sink option pw: applies only to version=1'],
    [
      'influxdb:?version=2&retention=7d',
      'influxdb sink option retention: applies only to version=1',
    ],
    ['influxdb:?token=abc', 'influxdb sink option token: applies only to version=2'],
  ])('should reject %s naming the option', (raw, expected) => {
    expect(problems(raw).some(p => p.startsWith(expected))).toBe(true);
  });

  it('should report every problem at once', () => {
    expect(problems('influxdb:?concurrency=0&retention=1m&typo=1')).toHaveLength(3);
  });
});
