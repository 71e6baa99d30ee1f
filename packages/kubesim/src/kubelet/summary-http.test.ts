import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InMemoryObjectStore } from '../api/in-memory-object-store.js';
import { start } from '../kubesim.js';
import type { Kubesim } from '../kubesim.js';
import { ClusterSimulation } from '../sim/cluster-simulation.js';
import { ResponseFaultTable } from '../sim/faults.js';
import { get } from '../testing/kubelet-client.js';
import { renderSummaryString } from '../testing/summary-string-renderer.js';
import { ByteWriterPool } from './byte-writer-pool.js';
import { handleKubeletRequest } from './kubelet-handler.js';
import type { KubeletRequestContext } from './kubelet-handler.js';

const T = Date.parse('2026-11-22T12:00:00Z') + 42_300;

describe('/stats/summary over HTTP: the bytes the string renderer would have sent', () => {
  let sim: Kubesim;
  const url = (i: number, query = ''): string => `http://${sim.nodes[i]!.address}:${sim.kubeletReadOnlyPort}/stats/summary${query}`;
  const reference = (i: number, onlyCpuAndMemory: boolean, missingFields = false): string =>
    renderSummaryString(sim.simulation.snapshot(sim.simulation.nodes[i]!), { onlyCpuAndMemory, missingFields });

  beforeAll(async () => {
    sim = await start({ nodes: 8, podsPerNode: 25, seed: 4, gpuNodeFraction: 0.5, autoTick: false, kubeletHttps: false, now: () => T });
  });
  afterAll(() => sim.stop());

  it('answers many concurrent requests, each body intact and with its exact Content-Length', async () => {
    const asks = [0, 1, 2].flatMap(() => sim.nodes.flatMap((_, i) => [{ i, only: false }, { i, only: true }]));
    const answers = await Promise.all(asks.map((a) => get(url(a.i, a.only ? '?only_cpu_and_memory=true' : ''))));
    for (const [k, a] of asks.entries()) {
      const res = answers[k]!;
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.text === reference(a.i, a.only)).toBe(true);
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    }
  });

  it('damages bodies under the malformed, truncated and missingFields faults exactly as before', async () => {
    const name = (i: number): string => sim.nodes[i]!.name;
    sim.faults.set({ kind: 'truncated', nodes: [name(1)] });
    sim.faults.set({ kind: 'malformed', nodes: [name(2)] });
    sim.faults.set({ kind: 'missingFields', nodes: [name(3)] });
    try {
      const whole = reference(1, false);
      expect((await get(url(1))).text === whole.slice(0, Math.max(1, Math.floor(whole.length * 0.6)))).toBe(true);
      expect((await get(url(2))).text === reference(2, false).replace('"nodeName":', '"nodeName" ').replace('}', '},,')).toBe(true);
      expect((await get(url(3))).text === reference(3, false, true)).toBe(true);
      expect((await get(url(3, '?only_cpu_and_memory=true'))).text === reference(3, true, true)).toBe(true);
    } finally {
      sim.faults.clear();
    }
  });
});

/** Just enough of a ServerResponse to see what the handler sends and when it lets go of it. */
class HeldResponse extends EventEmitter {
  statusCode = 0;
  destroyed = false;
  body: Buffer | undefined;

  writeHead(status: number): this {
    this.statusCode = status;
    return this;
  }

  end(body: Buffer): this {
    this.body = body;
    return this;
  }
}

describe('pooled Summary buffers', () => {
  const now = (): number => T;
  const simulation = new ClusterSimulation(new InMemoryObjectStore({ now }), { nodes: 3, podsPerNode: 10, seed: 8, now });
  const writers = new ByteWriterPool({ initialBytes: 1024 });
  const ctx: KubeletRequestContext = { sim: simulation, faults: new ResponseFaultTable(), auth: undefined, timers: new Set(), writers };
  const ask = (node: number): HeldResponse => {
    const res = new HeldResponse();
    const req = { url: '/stats/summary', method: 'GET', socket: {} } as unknown as IncomingMessage;
    handleKubeletRequest(ctx, simulation.nodes[node]!, req, res as unknown as ServerResponse, false);
    return res;
  };

  it('never overwrite a body the socket still holds; reuse it once the response finished', () => {
    const first = ask(0);
    const sent = Buffer.from(first.body!);
    const second = ask(1);
    const third = ask(0);
    expect(first.body!.equals(sent)).toBe(true);
    expect(new Set([first, second, third].map((r) => r.body!.buffer)).size).toBe(3);
    expect(first.body!.toString() === renderSummaryString(simulation.snapshot(simulation.nodes[0]!), { onlyCpuAndMemory: false, missingFields: false })).toBe(true);
    first.emit('finish');
    expect(writers.idleCount).toBe(1);
    const fourth = ask(2);
    expect(fourth.body!.buffer).toBe(first.body!.buffer);
    // A response whose connection died without finishing keeps its buffer out of the pool.
    second.emit('close');
    expect(writers.idleCount).toBe(0);
  });
});
