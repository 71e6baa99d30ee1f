import { describe, expect, it } from '@jest/globals';
import type { KubeEvent } from '@heapster/model';
import type { FieldProblem } from '@heapster/runtime';
import { compileEventFilter, globMatcher, splitSinkRouteOptions } from './sink-route-options.js';

const event = (over: { ns?: string; kind?: string; type?: string; reason?: string } = {}) =>
  ({
    metadata: { name: 'e', namespace: over.ns ?? 'prod', uid: 'u', resourceVersion: '1' },
    involvedObject: { kind: over.kind ?? 'Pod' },
    type: over.type ?? 'Warning',
    reason: over.reason ?? 'BackOff',
  }) as KubeEvent;

describe('splitSinkRouteOptions', () => {
  it("should strip the eventer's options and hand the rest to the sink unchanged", () => {
    const problems: FieldProblem[] = [];
    const split = splitSinkRouteOptions(
      'influxdb:http://h:8086?db=k8s&namespaces=prod,staging&exclude_kinds=Lease&types=Warning&reasons=BackOff,Failed*&withfields=true&eventer_batch_size=50',
      {},
      problems,
    );
    expect(problems).toEqual([]);
    expect(split.sinkValue).toBe('influxdb:http://h:8086?db=k8s&withfields=true');
    expect(split.filter).toEqual({
      namespaces: ['prod', 'staging'],
      excludeKinds: ['Lease'],
      types: ['Warning'],
      reasons: ['BackOff', 'Failed*'],
    });
    expect(split.batchSize).toBe(50);
  });

  it('should drop the question mark when only eventer options were given', () => {
    expect(splitSinkRouteOptions('log?types=Warning', {}, []).sinkValue).toBe('log');
    expect(splitSinkRouteOptions('log', {}, []).sinkValue).toBe('log');
  });

  it('should accept repeated keys and expand environment variables in values', () => {
    const split = splitSinkRouteOptions('log?namespaces=a&namespaces=$NS', { NS: 'b,c' }, []);
    expect(split.filter.namespaces).toEqual(['a', 'b', 'c']);
  });

  it('should name the sink and option of every bad value', () => {
    const problems: FieldProblem[] = [];
    splitSinkRouteOptions('log?types=warning&reasons=&eventer_buffer_size=0', {}, problems);
    expect(problems).toEqual([
      {
        field: 'log sink option types',
        message: '"warning" is not an event type (Normal or Warning)',
      },
      { field: 'log sink option reasons', message: 'needs at least one value' },
      { field: 'log sink option eventer_buffer_size', message: '"0" is not a positive integer' },
    ]);
  });
});

describe('compileEventFilter', () => {
  it('should let everything through without conditions', () => {
    expect(compileEventFilter({})).toBeUndefined();
  });

  it('should require every include list to match and no exclude list to match', () => {
    const accepts = compileEventFilter({
      namespaces: ['prod', 'staging'],
      excludeKinds: ['Lease'],
      types: ['Warning'],
      reasons: ['BackOff', 'Failed*'],
    })!;
    expect(accepts(event())).toBe(true);
    expect(accepts(event({ reason: 'FailedMount' }))).toBe(true);
    expect(accepts(event({ ns: 'dev' }))).toBe(false);
    expect(accepts(event({ kind: 'Lease' }))).toBe(false);
    expect(accepts(event({ type: 'Normal' }))).toBe(false);
    expect(accepts(event({ reason: 'Pulled' }))).toBe(false);
  });

  it('should exclude namespaces by pattern', () => {
    const accepts = compileEventFilter({ excludeNamespaces: ['kube-*'] })!;
    expect(accepts(event({ ns: 'kube-system' }))).toBe(false);
    expect(accepts(event({ ns: 'default' }))).toBe(true);
  });
});

describe('globMatcher', () => {
  it('should treat only * as special', () => {
    const matches = globMatcher(['a.b*', 'x']);
    expect(matches('a.bcd')).toBe(true);
    expect(matches('aXbcd')).toBe(false);
    expect(matches('x')).toBe(true);
    expect(matches('xy')).toBe(false);
  });
});
