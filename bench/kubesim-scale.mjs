#!/usr/bin/env node
// Scenario "kubesim-scale": what kubesim itself costs while it is scraped like a real cluster.
//
//   node bench/kubesim-scale.mjs [--nodes 1000] [--pods-per-node 100] [--interval 15s] [--rounds 6]
//                                [--endpoint summary|resource]
//
// Starts kubesim in its own process, then every interval fetches every node's kubelet endpoint
// (64 requests in flight, bodies read and discarded — no decoding, so the figures are
// kubesim's) and samples kubesim's CPU and RSS from /proc. Prints one JSON document.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const nodes = Number(arg('nodes', '1000'));
const podsPerNode = Number(arg('pods-per-node', '100'));
const intervalMs = Number.parseFloat(arg('interval', '15s')) * 1000;
const rounds = Number(arg('rounds', '6'));
const endpoint =
  arg('endpoint', 'summary') === 'resource' ? '/metrics/resource' : '/stats/summary/';
const dir = mkdtempSync(join(tmpdir(), 'kubesim-scale-'));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function stats(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return {
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100,
    rssBytes: Number(fields[21]) * 4096,
  };
}

const port = await freePort();
const started = Date.now();
const sim = spawn(
  process.execPath,
  [
    'packages/kubesim/dist/cli.js',
    ...['--nodes', String(nodes), '--pods-per-node', String(podsPerNode), '--seed', '1'],
    ...['--kubelet-read-only-port', String(port), '--no-kubelet-https', '--api-port', '0'],
    ...['--kubeconfig-out', join(dir, 'kubeconfig')],
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
try {
  await new Promise((resolve, reject) => {
    sim.stdout.on('data', chunk => chunk.toString().includes('kubesim ready') && resolve());
    sim.on('exit', code => reject(new Error(`kubesim exited with ${code}`)));
  });
  const readyMs = Date.now() - started;
  const atReady = stats(sim.pid);
  // Node i listens on 127.0.1.1 + i (kubesim's default bind base, skipping .0 and .255).
  const addresses = [];
  for (let a = (127 << 24) + (1 << 8) + 1; addresses.length < nodes; a++) {
    if ((a & 255) === 0 || (a & 255) === 255) continue;
    addresses.push([a >>> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255].join('.'));
  }
  const agent = new Agent({ connections: 64, keepAliveTimeout: 60_000 });
  const perRound = [];
  let bytes = 0;
  for (let round = 0; round < rounds; round++) {
    const before = stats(sim.pid);
    const roundStart = Date.now();
    let next = 0;
    let failures = 0;
    const worker = async () => {
      while (next < addresses.length) {
        const address = addresses[next++];
        try {
          const response = await request(`http://${address}:${port}${endpoint}`, {
            dispatcher: agent,
          });
          for await (const chunk of response.body) bytes += chunk.length;
        } catch {
          failures++;
        }
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    const wallMs = Date.now() - roundStart;
    await new Promise(resolve => setTimeout(resolve, Math.max(0, intervalMs - wallMs)));
    const after = stats(sim.pid);
    perRound.push({
      wallMs,
      failures,
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      rssBytes: after.rssBytes,
    });
  }
  await agent.close();
  const cpu = perRound.map(r => r.cpuSeconds).sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        scenario: 'kubesim-scale',
        nodes,
        podsPerNode,
        endpoint,
        intervalSeconds: intervalMs / 1000,
        rounds,
        readySeconds: readyMs / 1000,
        startupCpuSeconds: atReady.cpuSeconds,
        rssBytesAtReady: atReady.rssBytes,
        rssBytesServing: Math.max(...perRound.map(r => r.rssBytes)),
        cpuShareOfOneCore: {
          p50: Number((cpu[Math.floor(cpu.length / 2)] / (intervalMs / 1000)).toFixed(3)),
          max: Number((cpu.at(-1) / (intervalMs / 1000)).toFixed(3)),
        },
        roundWallMs: perRound.map(r => r.wallMs),
        bytesPerNodeResponse: Math.round(bytes / (rounds * nodes)),
        failures: perRound.reduce((sum, r) => sum + r.failures, 0),
        node: process.version,
      },
      null,
      2,
    ),
  );
} finally {
  sim.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
