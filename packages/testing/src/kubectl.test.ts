import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { findKubectl, runKubectl, spawnKubectlWatch } from './kubectl.js';
import { waitFor } from './wait-for.js';

// A server that never answers /hang and streams one line per request to /stream.
function startStubApiServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/stream')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"type":"ADDED"}\n');
      return;
    }
    if (request.url?.startsWith('/hang')) return;
    response.writeHead(404).end();
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    }),
  );
}

describe('findKubectl + runKubectl', () => {
  it('finds kubectl 1.20 and runs it in isolation', async () => {
    const result = await runKubectl(findKubectl('1.20'), 'http://127.0.0.1:1', [
      'version',
      '--client',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('GitVersion:"v1.20.');
  });

  it('finds a newer kubectl (1.21+) and runs it', async () => {
    const result = await runKubectl(findKubectl('newest'), 'http://127.0.0.1:1', [
      'version',
      '--client',
    ]);
    expect(result.code).toBe(0);
    const minor = Number(/Client Version: v1\.(\d+)\./.exec(result.stdout)?.[1]);
    expect(minor).toBeGreaterThan(20);
  });

  it('honours KUBECTL_120 and explains how to install a missing client', () => {
    const saved = process.env.KUBECTL_120;
    try {
      process.env.KUBECTL_120 = '/nonexistent/kubectl';
      expect(() => findKubectl('1.20')).toThrow(
        /kubectl 1\.20 not found at \/nonexistent\/kubectl: run `bash scripts\/test-prereqs\.sh`/,
      );
    } finally {
      if (saved === undefined) delete process.env.KUBECTL_120;
      else process.env.KUBECTL_120 = saved;
    }
  });
});

describe('kubectl against a stub server', () => {
  let stub: { server: Server; url: string };

  beforeAll(async () => {
    stub = await startStubApiServer();
  });

  afterAll(async () => {
    stub.server.closeAllConnections();
    await new Promise(resolve => stub.server.close(resolve));
  });

  it('kills a kubectl that outlives its timeout and reports it', async () => {
    const result = await runKubectl(findKubectl('1.20'), stub.url, ['get', '--raw', '/hang'], {
      timeoutMs: 500,
    });
    expect(result.killed).toBe(true);
    expect(result.code).toBe(143); // 128 + SIGTERM
  });

  it('collects output from a kubectl that keeps running, until stopped', async () => {
    // kubectl 1.33 copies a --raw body to stdout as it arrives; this one never ends.
    const watch = await spawnKubectlWatch(
      findKubectl('newest'),
      stub.url,
      ['get', '--raw', '/stream'],
      {
        killAfterMs: 30_000,
      },
    );
    await waitFor(() => watch.stdout().includes('"type":"ADDED"'), {
      description: 'kubectl to print the first streamed line',
    });
    const result = await watch.stop();
    expect(result.killed).toBe(true);
    expect(result.stdout).toBe('{"type":"ADDED"}\n');
    await expect(watch.result).resolves.toEqual(result);
  });

  it('kills a watch after killAfterMs and settles its result', async () => {
    const watch = await spawnKubectlWatch(
      findKubectl('1.20'),
      stub.url,
      ['get', '--raw', '/hang'],
      {
        killAfterMs: 300,
      },
    );
    const result = await watch.result;
    expect(result.killed).toBe(true);
    expect(result.code).toBe(143); // 128 + SIGTERM
  });
});
