import { describe, expect, it } from '@jest/globals';
import {
  escapeLabelValue,
  formatSampleValue,
  prometheusLabelName,
  prometheusMetricName,
  prometheusType,
} from './prometheus-names.js';

describe('Prometheus names', () => {
  it.each([
    ['cpu/usage_rate', 'gauge', 'heapster_cpu_usage_rate'],
    ['cpu/usage', 'cumulative', 'heapster_cpu_usage_total'],
    ['network/rx_errors', 'cumulative', 'heapster_network_rx_errors_total'],
    ['nvidia.com/gpu/request', 'gauge', 'heapster_nvidia_com_gpu_request'],
    ['custom/queue-depth', 'delta', 'heapster_custom_queue_depth'],
    ['custom/requests_total', 'cumulative', 'heapster_custom_requests_total'],
  ] as const)('should name %s (%s) %s', (name, type, expected) => {
    expect(prometheusMetricName({ name, type })).toBe(expected);
  });

  it('should make counters of cumulative metrics and gauges of the rest', () => {
    expect(prometheusType({ type: 'cumulative' })).toBe('counter');
    expect(prometheusType({ type: 'gauge' })).toBe('gauge');
    expect(prometheusType({ type: 'delta' })).toBe('gauge');
  });

  it('should make label keys valid Prometheus label names', () => {
    expect(prometheusLabelName('resource_id')).toBe('resource_id');
    expect(prometheusLabelName('app.kubernetes.io/name')).toBe('app_kubernetes_io_name');
    expect(prometheusLabelName('9lives')).toBe('_9lives');
    expect(prometheusLabelName('__name__')).toBe('label__name__');
    expect(prometheusLabelName('')).toBe('_');
  });

  it('should escape backslash, quote and newline in label values', () => {
    expect(escapeLabelValue('plain')).toBe('plain');
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('should format values the way Prometheus parses them', () => {
    expect(formatSampleValue(250)).toBe('250');
    expect(formatSampleValue(0.25)).toBe('0.25');
    expect(formatSampleValue(-2.5)).toBe('-2.5');
    expect(formatSampleValue(1e21)).toBe('1e+21');
    expect(formatSampleValue(Number.POSITIVE_INFINITY)).toBe('+Inf');
    expect(formatSampleValue(Number.NaN)).toBe('NaN');
  });
});
