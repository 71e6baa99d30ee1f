import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Counter, Registry } from 'prom-client';
import { httpRequest } from '@heapster/testing';
import { startHealthServer, type HealthReport, type HealthServer } from './health-server.js';

describe('the health server', () => {
  const registry = new Registry();
  new Counter({ name: 'eventer_test_total', help: 'a test counter', registers: [registry] }).inc(3);
  let ready: HealthReport = { ok: false, reasons: ['sinks are starting', 'not listed yet'] };
  let server: HealthServer;
  let url: string;

  beforeAll(async () => {
    server = await startHealthServer({
      host: '127.0.0.1',
      port: 0,
      registry,
      live: () => ({ ok: true, reasons: [] }),
      ready: () => ready,
    });
    url = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('answers /healthz and /readyz with ok, or 503 and every reason', async () => {
    expect(await httpRequest(`${url}/healthz`)).toEqual({ status: 200, text: 'ok\n' });
    expect(await httpRequest(`${url}/readyz?verbose=1`)).toEqual({
      status: 503,
      text: 'not ok: sinks are starting\nnot ok: not listed yet\n',
    });
    ready = { ok: true, reasons: [] };
    expect(await httpRequest(`${url}/readyz`)).toEqual({ status: 200, text: 'ok\n' });
  });

  it('serves the registry in the Prometheus text format', async () => {
    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get('content-type')).toBe(registry.contentType);
    expect(await response.text()).toContain('eventer_test_total 3');
  });

  it('answers HEAD without a body, and unknown paths and methods with 404 and 405', async () => {
    const head = await fetch(`${url}/healthz`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    expect((await httpRequest(`${url}/nope`)).status).toBe(404);
    expect((await httpRequest(`${url}/healthz`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('refuses a port that is taken, naming the error', async () => {
    await expect(
      startHealthServer({
        host: '127.0.0.1',
        port: server.port,
        registry,
        live: () => ({ ok: true, reasons: [] }),
        ready: () => ready,
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
