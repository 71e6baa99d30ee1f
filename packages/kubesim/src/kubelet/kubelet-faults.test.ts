import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { start } from '../kubesim.js';
import type { Kubesim } from '../kubesim.js';
import { get } from '../testing/kubelet-client.js';
import { validateSummary } from './summary-schema.js';

describe('kubelet faults', () => {
  let sim: Kubesim;
  const url = (node: number, path = '/stats/summary'): string => {
    const n = sim.nodes[node]!;
    return `http://${n.address}:${n.readOnlyPort}${path}`;
  };
  const nodeObject = (name: string): any => sim.store.get('Node', undefined, name);

  beforeAll(async () => {
    sim = await start({ nodes: 4, podsPerNode: 5, seed: 21, autoTick: false });
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.stop());

  it('slow: the answer comes only after the delay, on the chosen node only', async () => {
    expect(sim.faults.set({ kind: 'slow', nodes: ['node-0001'], delayMs: 400 })).toEqual(['node-0001']);
    const began = Date.now();
    const res = await get(url(0));
    expect(Date.now() - began).toBeGreaterThanOrEqual(390);
    expect(res.status).toBe(200);
    expect(sim.faults.list()).toEqual([{ kind: 'slow', node: 'node-0001', delayMs: 400 }]);
  });

  it('hang: the kubelet never answers (the client gives up); others still answer', async () => {
    sim.faults.set({ kind: 'hang', nodes: ['node-0002'] });
    await expect(get(url(1), { timeoutMs: 300 })).rejects.toThrow('client timeout');
    expect((await get(url(0))).status).toBe(200);
    sim.faults.clear('hang');
    expect((await get(url(1))).status).toBe(200);
  });

  it('error: answers with the injected 5xx status', async () => {
    sim.faults.set({ kind: 'error', nodes: ['node-0003'], status: 503 });
    const res = await get(url(2));
    expect(res.status).toBe(503);
    expect(res.text).toMatch(/^Internal Error: /);
    expect((await get(url(2, '/metrics/resource'))).status).toBe(503);
  });

  it('reset: the connection is reset', async () => {
    sim.faults.set({ kind: 'reset', nodes: ['node-0001'] });
    await expect(get(url(0))).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('malformed: 200 with a body that is not JSON (or not the exposition format)', async () => {
    sim.faults.set({ kind: 'malformed', nodes: ['node-0004'] });
    const res = await get(url(3));
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow(SyntaxError);
    const metrics = (await get(url(3, '/metrics/resource'))).text;
    expect(metrics.split('\n').some((line) => line !== '' && !line.startsWith('#') && !/^\w+(\{[^{}]*\})? \S+( \d+)?$/.test(line))).toBe(true);
  });

  it('truncated: 200 with the body cut short (Content-Length matches what is sent)', async () => {
    const whole = (await get(url(0))).text;
    sim.faults.set({ kind: 'truncated', nodes: ['node-0001'] });
    const res = await get(url(0));
    expect(res.status).toBe(200);
    expect(res.text.length).toBeLessThan(whole.length * 0.7);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(() => JSON.parse(res.text)).toThrow(SyntaxError);
  });

  it('missingFields: schema-valid summaries without some optional fields', async () => {
    sim.faults.set({ kind: 'missingFields', nodes: ['node-0002'] });
    const summary = JSON.parse((await get(url(1))).text);
    expect(validateSummary(summary)).toEqual([]);
    expect(summary.node.memory).toBeUndefined();
    expect(summary.pods[0].containers[0].cpu.usageCoreNanoSeconds).toBeUndefined();
  });

  it('notReady: the Ready condition turns Unknown in the store, and back on clear', () => {
    sim.faults.set({ kind: 'notReady', nodes: ['node-0003'] });
    const ready = (): string => nodeObject('node-0003').status.conditions.find((c: { type: string }) => c.type === 'Ready').status;
    expect(ready()).toBe('Unknown');
    expect(nodeObject('node-0003').spec.taints).toEqual([expect.objectContaining({ key: 'node.kubernetes.io/unreachable' })]);
    expect(sim.faults.list()).toContainEqual({ kind: 'notReady', node: 'node-0003' });
    sim.faults.clear('notReady', ['node-0003']);
    expect(ready()).toBe('True');
  });

  it('noAddress: the node lists no InternalIP, only its Hostname', () => {
    sim.faults.set({ kind: 'noAddress', nodes: ['node-0004'] });
    expect(nodeObject('node-0004').status.addresses).toEqual([{ type: 'Hostname', address: 'node-0004' }]);
    sim.faults.clear();
    expect(nodeObject('node-0004').status.addresses[0]).toEqual({ type: 'InternalIP', address: sim.nodes[3]!.address });
  });

  it('counterReset: cumulative counters drop and startTime moves forward', async () => {
    const before = JSON.parse((await get(url(1))).text);
    sim.faults.set({ kind: 'counterReset', nodes: ['node-0002'] });
    const after = JSON.parse((await get(url(1))).text);
    expect(after.node.cpu.usageCoreNanoSeconds).toBeLessThan(before.node.cpu.usageCoreNanoSeconds);
    expect(Date.parse(after.node.startTime)).toBeGreaterThan(Date.parse(before.node.startTime));
    expect(after.pods[0].containers[0].cpu.usageCoreNanoSeconds).toBeLessThan(before.pods[0].containers[0].cpu.usageCoreNanoSeconds);
    // A one-shot action: nothing stays switched on.
    expect(sim.faults.list()).toEqual([]);
  });

  it('percent: picks that share of nodes, the same ones every time', async () => {
    const chosen = sim.faults.set({ kind: 'error', percent: 50, status: 500 });
    expect(chosen).toHaveLength(2);
    sim.faults.clear();
    expect(sim.faults.set({ kind: 'error', percent: 50 })).toEqual(chosen);
    for (const [i, n] of sim.nodes.entries()) {
      expect((await get(url(i))).status).toBe(chosen.includes(n.name) ? 500 : 200);
    }
  });

  it('rejects bad specs with errors that name the field', () => {
    expect(() => sim.faults.set({ kind: 'slow', nodes: ['node-9999'] })).toThrow(/nodes: no node named "node-9999"/);
    expect(() => sim.faults.set({ kind: 'error', percent: 120 })).toThrow(/percent/);
    expect(() => sim.faults.set({ kind: 'error', nodes: ['node-0001'], status: 200 })).toThrow(/status/);
    expect(() => sim.faults.set({ kind: 'melt' as never, percent: 10 })).toThrow(/kind must be one of/);
  });
});
