#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { getHeapStatistics } from 'node:v8';
import { Command, CommanderError, Option } from 'commander';
import { issueCertificate } from '@heapster/tls';
import type { UserInfo } from './api/auth/auth-policy.js';
import {
  apiFaultArg,
  collect,
  durationMs,
  durationSeconds,
  faultArg,
  integerArg,
  loopbackArg,
  numberArg,
  tokenArg,
} from './cli-parsers.js';
import { exposeGc, IdleCollector } from './idle-collector.js';
import { start } from './kubesim.js';
import type { Kubesim, KubesimOptions } from './kubesim.js';
import type { FaultRequest } from './sim/fault-controller.js';
import { resolveSimulationOptions } from './sim/options.js';
import type { KubeletFaultSpec } from './sim/faults.js';

interface Flags {
  nodes: number;
  podsPerNode: number;
  seed: number;
  segment: number;
  statsInterval: number;
  churn: number;
  eventsPerSecond: number;
  maxEvents: number;
  eventTtl: number;
  crashLoopFraction: number;
  gpuNodeFraction: number;
  unschedulablePods: number;
  bindBase: string;
  tick: number;
  apiPort: number;
  https: boolean;
  kubeletHttps: boolean;
  kubeletPort: number;
  kubeletReadOnlyPort: number;
  adminToken?: string;
  token?: [string, UserInfo][];
  kubeconfigOut?: string;
  caOut?: string;
  clientCertOut?: string;
  fault?: KubeletFaultSpec[];
  apiFault?: NonNullable<FaultRequest['api']>[];
  kubeVersion?: string;
  historyLimit?: number;
  idleGc: boolean;
  verbose: boolean;
}

/** Option-object fields as the flags that set them, for error messages. */
const FLAG_OF: Readonly<Record<string, string>> = {
  segmentSeconds: '--segment',
  statsIntervalSeconds: '--stats-interval',
  bindBase: '--bind-base',
  eventTtlSeconds: '--event-ttl',
  tickMs: '--tick',
};

function program(): Command {
  return new Command('kubesim')
    .description(
      'A simulated Kubernetes cluster: an API server on 127.0.0.1 and one kubelet per node on its own ' +
        'loopback address (127.0.x.y), serving /stats/summary, /metrics/resource and /healthz. Prints ' +
        '"kubesim ready: api=URL" once serving; stops cleanly on SIGTERM/SIGINT.',
    )
    .addOption(new Option('--nodes <n>', 'number of nodes').argParser(integerArg(1, 50_000)).default(3))
    .addOption(new Option('--pods-per-node <n>', 'pods per node, DaemonSet pods included').argParser(integerArg(0, 1000)).default(10))
    .addOption(new Option('--seed <n>', 'PRNG seed: same seed, same cluster and numbers').argParser(integerArg(0, 2 ** 31 - 1)).default(1))
    .addOption(new Option('--segment <duration>', 'rates are constant within segments of this length (whole seconds)').argParser(durationSeconds).default(60, '60s'))
    .addOption(new Option('--stats-interval <duration>', 'kubelet statistics carry timestamps on multiples of this (whole seconds)').argParser(durationSeconds).default(1, '1s'))
    .addOption(new Option('--churn <pods-per-minute>', 'pods replaced (deleted and recreated) per minute').argParser(numberArg(0, 1_000_000)).default(6))
    .addOption(new Option('--events-per-second <n>', 'target rate of Event writes (creates and count bumps)').argParser(numberArg(0, 1_000_000)).default(5))
    .addOption(new Option('--max-events <n>', 'cap on Events kept; the oldest are deleted first').argParser(integerArg(1, 10_000_000)).default(20_000))
    .addOption(new Option('--event-ttl <duration>', 'Events not updated for this long are deleted').argParser(durationMs).default(3_600_000, '1h'))
    .addOption(new Option('--crash-loop-fraction <share>', 'share of pods that crash-loop (0-1)').argParser(numberArg(0, 1)).default(0.02))
    .addOption(new Option('--gpu-node-fraction <share>', 'share of nodes with GPUs (0-1)').argParser(numberArg(0, 1)).default(0.1))
    .addOption(new Option('--unschedulable-pods <n>', 'pods that never schedule (FailedScheduling warnings)').argParser(integerArg(0, 10_000)).default(1))
    .addOption(new Option('--bind-base <ip>', 'first node address; nodes take consecutive loopback addresses').argParser(loopbackArg).default('127.0.1.1'))
    .addOption(new Option('--tick <duration>', 'simulation step').argParser(durationMs).default(100, '100ms'))
    .addOption(new Option('--api-port <port>', 'API server port on 127.0.0.1 (0: any free port)').argParser(integerArg(0, 65_535)).default(0))
    .addOption(new Option('--https', 'serve the API over HTTPS with a generated CA; clients need a token or client certificate').default(false))
    .addOption(new Option('--no-kubelet-https', 'do not serve the kubelets\' HTTPS port (read-only HTTP port only)'))
    .addOption(new Option('--kubelet-port <port>', 'HTTPS kubelet port on every node address (0: one free port for all)').argParser(integerArg(0, 65_535)).default(0))
    .addOption(new Option('--kubelet-read-only-port <port>', 'read-only HTTP kubelet port on every node address (0: one free port for all)').argParser(integerArg(0, 65_535)).default(0))
    .addOption(new Option('--admin-token <token>', 'token of the system:masters admin user (default: random)'))
    .addOption(new Option('--token <token=user[:group+group]>', 'add a static bearer token (repeatable)').argParser(collect(tokenArg)))
    .addOption(new Option('--kubeconfig-out <file>', 'write a kubeconfig for kubectl and client libraries here'))
    .addOption(new Option('--ca-out <file>', 'write the cluster CA certificate (PEM) here'))
    .addOption(new Option('--client-cert-out <prefix>', 'write an admin client certificate to <prefix>.crt and <prefix>.key'))
    .addOption(
      new Option('--fault <kind[:key=value,...]>', 'kubelet fault at start (repeatable); kinds: slow, hang, error, reset, malformed, truncated, missingFields, notReady, noAddress, counterReset; keys: nodes=a+b, percent=10, delayMs=3000, status=503')
        .argParser(collect(faultArg)),
    )
    .addOption(
      new Option('--api-fault <key=value[@Kind]>', 'API-server fault at start (repeatable): watchDropAfterMs=N, watchDropMode=end|reset, forceExpired=N, expireOlderThan=RV, listDelayMs=N, listFailure=STATUS[:PERCENT]')
        .argParser(collect(apiFaultArg)),
    )
    .addOption(new Option('--kube-version <version>', 'gitVersion reported by /version').default(undefined, 'v1.20.2'))
    .addOption(new Option('--history-limit <n>', 'watch history kept per kind (raise for event floods)').argParser(integerArg(1, 100_000_000)))
    .addOption(new Option('--idle-gc', 'collect garbage when the kubelets have been idle for 1 s after a scrape, not during one (benchmarks: one process stands in for every kubelet)').default(false))
    .addOption(new Option('--verbose', 'log API and kubelet requests to stderr').default(false))
    .showHelpAfterError(false);
}

/** What hears of each kubelet request: the --verbose log and the --idle-gc collector. */
function kubeletRequestListener(f: Flags, collector: IdleCollector | undefined): Pick<KubesimOptions, 'onKubeletRequest' | 'onKubeletRequestStart'> {
  if (!f.verbose && collector === undefined) return {};
  return {
    // Both ends of a request: an answer the core has not read yet is still part of a scrape.
    ...(collector === undefined ? {} : { onKubeletRequestStart: () => collector.noteRequest() }),
    onKubeletRequest: (e) => {
      collector?.noteRequest();
      if (f.verbose) console.error(`kubelet ${e.node} ${e.method} ${e.url} ${e.status}`);
    },
  };
}

function idleCollector(f: Flags): IdleCollector | undefined {
  if (!f.idleGc) return undefined;
  const gc = exposeGc();
  const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;
  return new IdleCollector({
    collect: gc,
    heapUsed: () => getHeapStatistics().used_heap_size,
    ...(f.verbose ? { onCollect: (r) => console.error(`kubesim: idle gc ${mb(r.beforeBytes)} -> ${mb(r.afterBytes)} in ${Math.round(r.ms)} ms`) } : {}),
  });
}

function toOptions(f: Flags, collector?: IdleCollector): KubesimOptions {
  return {
    nodes: f.nodes,
    podsPerNode: f.podsPerNode,
    seed: f.seed,
    segmentSeconds: f.segment,
    statsIntervalSeconds: f.statsInterval,
    churnPodsPerMinute: f.churn,
    eventsPerSecond: f.eventsPerSecond,
    maxEvents: f.maxEvents,
    eventTtlSeconds: f.eventTtl / 1000,
    crashLoopFraction: f.crashLoopFraction,
    gpuNodeFraction: f.gpuNodeFraction,
    unschedulablePods: f.unschedulablePods,
    bindBase: f.bindBase,
    tickMs: Math.max(1, Math.round(f.tick)),
    apiPort: f.apiPort,
    https: f.https,
    kubeletHttps: f.kubeletHttps,
    kubeletPort: f.kubeletPort,
    kubeletReadOnlyPort: f.kubeletReadOnlyPort,
    ...(f.adminToken === undefined ? {} : { adminToken: f.adminToken }),
    ...(f.token === undefined ? {} : { tokens: Object.fromEntries(f.token) }),
    ...(f.kubeconfigOut === undefined ? {} : { kubeconfigPath: f.kubeconfigOut }),
    ...(f.kubeVersion === undefined ? {} : { kubeVersion: f.kubeVersion }),
    ...(f.historyLimit === undefined ? {} : { historyLimit: f.historyLimit }),
    ...(f.verbose ? { onApiRequest: (e) => console.error(`api ${e.method} ${e.url} ${e.status}`) } : {}),
    ...kubeletRequestListener(f, collector),
    onError: (error) => console.error(`kubesim: ${(error as Error).stack ?? String(error)}`),
  };
}

async function writeCredentials(sim: Kubesim, f: Flags): Promise<void> {
  if (f.caOut !== undefined) await writeFile(f.caOut, sim.ca.certPem);
  if (f.clientCertOut !== undefined) {
    const pair = await issueCertificate(sim.ca, { commonName: 'kubesim-admin', organizations: ['system:masters'], usage: 'client' });
    await writeFile(`${f.clientCertOut}.crt`, pair.certPem);
    await writeFile(`${f.clientCertOut}.key`, pair.keyPem, { mode: 0o600 });
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const cmd = program().exitOverride();
  try {
    cmd.parse(argv, { from: 'node' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const flags = cmd.opts<Flags>();
  const collector = idleCollector(flags);
  const options = toOptions(flags, collector);
  try {
    // Combinations the parsers cannot see (e.g. --segment not a multiple of --stats-interval).
    resolveSimulationOptions(options);
  } catch (error) {
    let message = (error as Error).message;
    for (const [field, flag] of Object.entries(FLAG_OF)) message = message.replaceAll(field, flag);
    console.error(`kubesim: ${message}`);
    return 2;
  }
  let sim: Kubesim;
  try {
    sim = await start({ ...options, faults: [] });
  } catch (error) {
    console.error(`kubesim: ${(error as Error).message}`);
    return 1;
  }
  try {
    for (const spec of flags.fault ?? []) sim.faults.set(spec);
    for (const api of flags.apiFault ?? []) sim.faults.apply({ api });
  } catch (error) {
    console.error(`kubesim: --fault/--api-fault: ${(error as Error).message}`);
    await sim.stop();
    return 2;
  }
  try {
    await writeCredentials(sim, flags);
  } catch (error) {
    console.error(`kubesim: ${(error as Error).message}`);
    await sim.stop();
    return 1;
  }
  // Handlers go in before the ready line: a supervisor may signal the moment it reads it.
  const stopRequested = new Promise<void>((resolve) => {
    const shutdown = (): void => {
      process.off('SIGTERM', shutdown);
      process.off('SIGINT', shutdown);
      resolve();
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  });
  collector?.start();
  console.log(`kubesim ready: api=${sim.apiUrl}`);
  await stopRequested;
  collector?.stop();
  await sim.stop();
  return 0;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; should anything linger, do not hang the caller.
    setTimeout(() => process.exit(code), 5000).unref();
  },
  (error: unknown) => {
    console.error(`kubesim: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  },
);
