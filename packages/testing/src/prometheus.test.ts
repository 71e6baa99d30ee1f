import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { liveProcessesInGroup } from './process-group.js';
import { startPrometheus, type PrometheusServer } from './prometheus.js';
import { waitFor } from './wait-for.js';

const EXPOSITION = [
  '# HELP heapster_test_usage A gauge served by the test target.',
  '# TYPE heapster_test_usage gauge',
  'heapster_test_usage{nodename="node-a"} 7',
  '',
].join('\n');

describe('startPrometheus', () => {
  let target: Server;
  let prometheus: PrometheusServer;

  beforeAll(async () => {
    target = createServer((request, response) => {
      response.writeHead(request.url === '/metrics' ? 200 : 404, {
        'content-type': 'text/plain; version=0.0.4',
      });
      response.end(request.url === '/metrics' ? EXPOSITION : 'not found');
    });
    await new Promise<void>(resolve => target.listen(0, '127.0.0.1', resolve));
    const address = target.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    prometheus = await startPrometheus({ scrapeTargets: [`127.0.0.1:${port}`] });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await new Promise(resolve => target.close(resolve));
  });

  it('scrapes the injected target and answers PromQL about it', async () => {
    const samples = await waitFor(
      async () => {
        const result = await prometheus.query('heapster_test_usage');
        return result.length > 0 ? result : undefined;
      },
      {
        description: 'Prometheus to scrape heapster_test_usage',
        timeoutMs: 20_000,
        intervalMs: 200,
      },
    );
    expect(samples).toHaveLength(1);
    expect(samples[0]?.metric).toMatchObject({
      __name__: 'heapster_test_usage',
      nodename: 'node-a',
      job: 'test',
    });
    expect(samples[0]?.value[1]).toBe('7');
  });

  it('has the remote-write receiver switched on', async () => {
    // An empty body is not a valid WriteRequest: an enabled receiver says 400, a disabled one 404.
    const response = await fetch(prometheus.remoteWriteUrl, {
      method: 'POST',
      body: '',
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'snappy' },
      signal: AbortSignal.timeout(5000),
    });
    expect(response.status).not.toBe(404);
  });

  it('leaves no process behind after stop()', async () => {
    const other = await startPrometheus();
    const pgid = other.pid!;
    await other.stop();
    expect(liveProcessesInGroup(pgid)).toEqual([]);
  });

  it('refuses a scrape target that is not host:port', () => {
    expect(() => startPrometheus({ scrapeTargets: ['http://x/metrics'] })).toThrow(
      /'http:\/\/x\/metrics' must be host:port/,
    );
  });
});
