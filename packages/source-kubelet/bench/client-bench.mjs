// CPU of the kubelet client alone (no decoding), for the README and docs/performance.md.
// Not a test: run `npm run build` here and in packages/kubesim, then
// `node bench/client-bench.mjs [nodes] [podsPerNode] [rounds]` in this package. Starts kubesim
// in its own process, fetches every node's /stats/summary/ with HttpKubeletClient, 64 at a time
// as the scraper does, and prints one JSON object: this process's CPU (user, system) and wall
// time per round; the first two rounds (connections, JIT) are left out of the summary.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpKubeletClient } from '../dist/index.js';

const nodes = Number(process.argv[2] ?? 1000);
const podsPerNode = Number(process.argv[3] ?? 100);
const rounds = Number(process.argv[4] ?? 8);
const concurrency = 64;
const port = 20_000 + Math.floor(Math.random() * 10_000);
const kubesim = fileURLToPath(new URL('../../kubesim/dist/cli.js', import.meta.url));

const sim = spawn(
  process.execPath,
  [
    kubesim,
    '--nodes',
    String(nodes),
    '--pods-per-node',
    String(podsPerNode),
    '--seed',
    '1',
    '--churn',
    '0',
    '--events-per-second',
    '1',
    '--segment',
    '300s',
    '--idle-gc',
    '--kubelet-read-only-port',
    String(port),
    '--no-kubelet-https',
    '--api-port',
    '0',
    '--kubeconfig-out',
    join(mkdtempSync(join(tmpdir(), 'client-bench-')), 'kubeconfig'),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const api = await new Promise((resolve, reject) => {
  sim.on('exit', code => reject(new Error(`kubesim exited with ${code}`)));
  sim.stdout.on('data', data => {
    const ready = /kubesim ready: api=(\S+)/.exec(String(data));
    if (ready) resolve(ready[1]);
  });
});
const listed = await (await fetch(`${api}/api/v1/nodes`)).json();
const targets = listed.items.map(node => ({
  nodeName: node.metadata.name,
  address: node.status.addresses.find(address => address.type === 'InternalIP').address,
  port,
}));
const client = new HttpKubeletClient({ scheme: 'http' });
const perRound = [];
for (let round = 0; round < rounds; round++) {
  await new Promise(resolve => setTimeout(resolve, 1500));
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  let bytes = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < targets.length) {
        const target = targets[next++];
        try {
          const body = await client.get(target, 'summary', AbortSignal.timeout(10_000));
          bytes += body.length;
          client.recycle(body);
        } catch {
          failed++;
        }
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  perRound.push({
    wallMs: Math.round(performance.now() - started),
    userMs: Math.round(used.user / 1000),
    systemMs: Math.round(used.system / 1000),
    megabytes: Number((bytes / 1e6).toFixed(1)),
    failed,
  });
}
await client.close();
sim.kill('SIGTERM');
const measured = perRound.slice(2);
const median = key =>
  measured.map(r => r[key]).sort((a, b) => a - b)[Math.floor(measured.length / 2)];
console.log(
  JSON.stringify({
    scenario: 'kubelet-client',
    nodes,
    podsPerNode,
    concurrency,
    medianUserMs: median('userMs'),
    medianSystemMs: median('systemMs'),
    medianWallMs: median('wallMs'),
    perRound,
  }),
);
