import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { expandEnv } from '@heapster/runtime';
import { maskSecrets, parseSinkUri } from './sink-uri.js';

describe('parseSinkUri', () => {
  it.each([
    ['log', 'log', '', ''],
    [
      'influxdb:http://monitoring-influxdb:8086?db=k8s&withfields=true',
      'influxdb',
      'http://monitoring-influxdb:8086',
      'db=k8s&withfields=true',
    ],
    ['stackdriver:?cluster_name=prod&zone=eu', 'stackdriver', '', 'cluster_name=prod&zone=eu'],
    ['gcm?metrics=autoscaling', 'gcm', '', 'metrics=autoscaling'],
    [
      'duckdb:/var/lib/heapster/m.duckdb?retention=30d',
      'duckdb',
      '/var/lib/heapster/m.duckdb',
      'retention=30d',
    ],
    ['kafka:?brokers=a:9092&brokers=b:9092', 'kafka', '', 'brokers=a%3A9092&brokers=b%3A9092'],
    [
      'kubernetes.summary_api:https://kubernetes.default?kubeletHttps=true',
      'kubernetes.summary_api',
      'https://kubernetes.default',
      'kubeletHttps=true',
    ],
  ])('should split %s into type, target and options', (raw, type, target, options) => {
    const uri = parseSinkUri(raw, {});
    expect(uri.type).toBe(type);
    expect(uri.target).toBe(target);
    expect(uri.options.toString()).toBe(options);
  });

  it('should keep repeated options', () => {
    expect(parseSinkUri('kafka:?brokers=a&brokers=b', {}).options.getAll('brokers')).toEqual([
      'a',
      'b',
    ]);
  });

  it('should expand environment variables like Go os.ExpandEnv', () => {
    const uri = parseSinkUri('influxdb:http://$HOST:${PORT}?pw=$MISSING', {
      HOST: 'influx',
      PORT: '8086',
    });
    expect(uri.target).toBe('http://influx:8086');
    expect(uri.options.get('pw')).toBe('');
    expect(expandEnv('a$B-c', { B: 'x' })).toBe('ax-c');
  });

  it('should reject a value without a valid type, naming the value', () => {
    expect(() => parseSinkUri(':http://x', {})).toThrow(ConfigError);
    expect(() => parseSinkUri('Influx DB:x', {})).toThrow('"Influx DB" is not a sink type');
  });
});

describe('maskSecrets', () => {
  it('should hide passwords in options and URLs but keep the rest', () => {
    expect(maskSecrets('influxdb:http://root:s3cret@influx:8086?user=root&pw=s3cret&db=k8s')).toBe(
      'influxdb:http://root:***@influx:8086?user=root&pw=***&db=k8s',
    );
    expect(maskSecrets('http:https://hook.example/x?token=abc')).toBe(
      'http:https://hook.example/x?token=***',
    );
  });
});
