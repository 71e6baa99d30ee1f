#!/usr/bin/env node
// The quick start behind `npm start`: runs the whole system on this machine.
//
// With no cluster configured (no KUBECONFIG, no --kubeconfig), it first starts kubesim, the
// simulated cluster, and points everything at the kubeconfig kubesim writes. Then it starts each
// binary that has been built (heapster, eventer, oldtimer), with the embedded store under
// .quickstart/. Ctrl-C (or SIGTERM) stops everything in reverse order.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stateDir = join(root, '.quickstart');
mkdirSync(stateDir, { recursive: true });

const args = process.argv.slice(2);
const kubeconfigFlag = args.indexOf('--kubeconfig');
let kubeconfig = kubeconfigFlag >= 0 ? args[kubeconfigFlag + 1] : process.env.KUBECONFIG;
const children = [];
let stopping = false;

function log(message) {
  console.log(`[start] ${message}`);
}

/**
 * Node flags and environment variables a binary documents for running it (apps/<binary>/
 * launch.json: glibc malloc settings, and for the eventer a small young generation; see
 * docs/eventer.md "Memory" and docs/performance.md); none for the others.
 */
function launchOf(launchFile) {
  if (launchFile === undefined) return { nodeFlags: [], env: {} };
  const { nodeFlags, env } = JSON.parse(readFileSync(join(root, launchFile), 'utf8'));
  return { nodeFlags, env };
}

/** Spawns a component with prefixed output; resolves when `readyPattern` appears (if given). */
function run(name, file, argv, readyPattern, launch = launchOf(undefined)) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...launch.nodeFlags, file, ...argv], {
      cwd: root,
      env: { ...process.env, ...launch.env, KUBECONFIG: kubeconfig ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push({ name, child });
    let ready = readyPattern === undefined;
    if (ready) resolve(child);
    const forward = stream => chunk => {
      for (const line of chunk.toString().split('\n')) {
        if (line === '') continue;
        stream.write(`${name.padEnd(9)}| ${line}\n`);
        if (!ready && readyPattern.test(line)) {
          ready = true;
          resolve(child);
        }
      }
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('exit', code => {
      if (!ready) reject(new Error(`${name} exited with code ${code} before it was ready`));
      else if (!stopping) {
        log(`${name} exited with code ${code}; stopping the rest`);
        void stopAll(1);
      }
    });
  });
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const { name, child } of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    log(`stopping ${name}`);
    child.kill('SIGTERM');
    await new Promise(resolve => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

const binaries = [
  {
    name: 'heapster',
    file: 'apps/core/dist/main.js',
    args: ['--metric_resolution=15s'],
    launch: 'apps/core/launch.json',
  },
  {
    name: 'eventer',
    file: 'apps/eventer/dist/main.js',
    args: ['--frequency=5s'],
    launch: 'apps/eventer/launch.json',
  },
  { name: 'oldtimer', file: 'apps/oldtimer/dist/main.js', args: [] },
];

try {
  if (!kubeconfig) {
    kubeconfig = join(stateDir, 'kubeconfig');
    log('no cluster configured: starting kubesim, the simulated cluster');
    await run(
      'kubesim',
      join(root, 'packages/kubesim/dist/cli.js'),
      [
        '--nodes',
        '5',
        '--pods-per-node',
        '10',
        '--seed',
        '1',
        '--api-port',
        '0',
        // The kubelets' standard ports, each node on its own loopback address: Heapster's
        // default source (read-only port 10255) works against it unchanged.
        '--kubelet-read-only-port',
        '10255',
        '--kubelet-port',
        '10250',
        '--kubeconfig-out',
        kubeconfig,
      ],
      /^kubesim ready: api=/,
    );
  }
  const present = binaries.filter(binary => existsSync(join(root, binary.file)));
  for (const binary of present) {
    await run(
      binary.name,
      join(root, binary.file),
      [...binary.args, '--quickstart', '--state-dir', stateDir],
      undefined,
      launchOf(binary.launch),
    );
  }
  log(`kubeconfig: ${kubeconfig}`);
  log(`try: kubectl --kubeconfig ${kubeconfig} get nodes`);
  log(`     kubectl --kubeconfig ${kubeconfig} get pods -A -o wide`);
  log(`     kubectl --kubeconfig ${kubeconfig} get events -A`);
  if (present.some(binary => binary.name === 'heapster')) {
    log(
      '     kubectl --server http://127.0.0.1:8082 top nodes        (metrics.k8s.io, after ~30 s)',
    );
    log('     curl -s http://127.0.0.1:8082/api/v1/model/namespaces/');
  }
  if (present.some(binary => binary.name === 'oldtimer'))
    log('     oldtimer queries: see apps/oldtimer/README.md');
  if (present.length === 0) log('no binaries built yet besides kubesim');
  log('Ctrl-C stops everything');
} catch (error) {
  console.error(`[start] ${error.message}`);
  await stopAll(1);
}
