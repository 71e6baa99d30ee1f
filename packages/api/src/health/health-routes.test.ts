import { afterEach, describe, expect, it } from '@jest/globals';
import { sampleApp, type TestApp } from '../testing/sample-cluster.js';
import type { HealthStatus } from './health-checks.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
});

describe('health routes', () => {
  it('should answer /healthz, /healthz/healthz and /livez from the liveness check', async () => {
    let status: HealthStatus = { ok: true, reason: 'ticking' };
    t = await sampleApp({}, { liveness: () => status });
    for (const url of ['/healthz', '/healthz/healthz', '/livez']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe('[+]loop ok\nhealthz check passed\n');
    }
    status = { ok: false, reason: 'the last scrape tick started 200s ago' };
    const failed = await t.app.inject({ url: '/healthz' });
    expect(failed.statusCode).toBe(503);
    expect(failed.body).toBe(
      '[-]loop failed: the last scrape tick started 200s ago\nhealthz check failed\n',
    );
  });

  it('should pass /readyz only when every check passes, naming each', async () => {
    let synced = false;
    t = await sampleApp(
      {},
      {
        readiness: [
          {
            name: 'informers-synced',
            check: () => ({ ok: synced, reason: 'pods not listed yet' }),
          },
          { name: 'metric-storage-ready', check: () => ({ ok: true, reason: 'rates present' }) },
        ],
      },
    );
    const waiting = await t.app.inject({ url: '/readyz' });
    expect(waiting.statusCode).toBe(503);
    expect(waiting.body).toBe(
      '[-]informers-synced failed: pods not listed yet\n[+]metric-storage-ready ok\nreadyz check failed\n',
    );
    synced = true;
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.body).toContain('readyz check passed');
  });

  it('should count a throwing check as failed, with its message, never a 500', async () => {
    t = await sampleApp(
      {},
      {
        readiness: [
          {
            name: 'broken',
            check: () => {
              throw new Error('informer crashed');
            },
          },
        ],
      },
    );
    const response = await t.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('[-]broken failed: informer crashed');
  });
});
