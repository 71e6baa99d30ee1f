// The kubectl clients the API-compatibility tests are judged by: 1.20 (extracted into .cache/ by
// scripts/test-prereqs.sh) and the newest preinstalled one. Every run is isolated from the
// developer's cluster: no kubeconfig, a temp HOME and discovery cache, an explicit --server.
import { readdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { findRepoRoot, isExecutable, PREREQS_HINT } from './binaries.js';
import { ProcessHandle } from './process-handle.js';
import { tempDir } from './temp-dir.js';

export type KubectlWhich = '1.20' | 'newest';

export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code, 128+n when kubectl died of signal n (143 after our SIGTERM); null if SIGKILLed. */
  readonly code: number | null;
  /** True when we killed it: the timeout (runKubectl) or the watch duration ran out. */
  readonly killed: boolean;
}

export interface KubectlRunOptions {
  /** Default 30 s; after it the process group is killed and `killed` is true. */
  readonly timeoutMs?: number;
}

export interface KubectlWatch {
  /** Output collected so far. */
  stdout(): string;
  stderr(): string;
  /** Kills kubectl now (if still running) and returns everything it printed. */
  stop(): Promise<KubectlResult>;
  /** Settles when kubectl exits on its own or is killed after `killAfterMs`. */
  readonly result: Promise<KubectlResult>;
}

const CLOUD_SDK_BIN_DIRS = [
  '/usr/lib/google-cloud-sdk/bin',
  '/usr/share/google-cloud-sdk/bin',
  '/opt/google-cloud-sdk/bin',
];

/**
 * Path of a kubectl client. '1.20': $KUBECTL_120, else .cache/kubectl-1.20/root/usr/bin/kubectl
 * under the repository root. 'newest': $KUBECTL_NEW, else the highest kubectl.1.NN in the Cloud
 * SDK bin folder, else the kubectl on PATH.
 */
export function findKubectl(which: KubectlWhich): string {
  if (which === '1.20') {
    const path =
      process.env.KUBECTL_120 || join(findRepoRoot(), '.cache/kubectl-1.20/root/usr/bin/kubectl');
    if (!isExecutable(path)) throw new Error(`kubectl 1.20 not found at ${path}: ${PREREQS_HINT}`);
    return path;
  }
  if (which !== 'newest')
    throw new Error(`findKubectl: which must be '1.20' or 'newest', got '${String(which)}'`);
  const override = process.env.KUBECTL_NEW;
  if (override) {
    if (!isExecutable(override))
      throw new Error(`KUBECTL_NEW=${override} is not an executable file`);
    return override;
  }
  const onPath = kubectlOnPath();
  const dirs = [
    ...(onPath ? [dirname(onPath)] : []),
    ...CLOUD_SDK_BIN_DIRS,
    join(homedir(), 'google-cloud-sdk/bin'),
  ];
  for (const dir of dirs) {
    const best = highestVersionedKubectl(dir);
    if (best !== undefined) return best;
  }
  if (onPath !== undefined) return onPath;
  throw new Error(
    `no kubectl newer than 1.20 found (Cloud SDK kubectl.1.NN or kubectl on PATH): ${PREREQS_HINT}, or set KUBECTL_NEW`,
  );
}

function kubectlOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = dir && join(dir, 'kubectl');
    if (candidate && isExecutable(candidate)) return realpathSync(candidate);
  }
  return undefined;
}

function highestVersionedKubectl(dir: string): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined;
  }
  const versioned = entries
    .map(name => ({ name, minor: /^kubectl\.1\.(\d+)$/.exec(name)?.[1] }))
    .filter((entry): entry is { name: string; minor: string } => entry.minor !== undefined)
    .filter(entry => isExecutable(join(dir, entry.name)))
    .sort((a, b) => Number(b.minor) - Number(a.minor));
  return versioned[0] === undefined ? undefined : join(dir, versioned[0].name);
}

/** Starts kubectl against `server` with the isolated environment; the caller ends it. */
async function startIsolated(
  path: string,
  server: string,
  args: readonly string[],
): Promise<{ handle: ProcessHandle; cleanup: () => Promise<void> }> {
  const home = await tempDir('kubectl-home');
  const handle = ProcessHandle.start({
    command: path,
    args: [`--server=${server}`, `--cache-dir=${join(home.path, 'cache')}`, ...args],
    cwd: home.path,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home.path, KUBECONFIG: '/nonexistent' },
  });
  return { handle, cleanup: () => home.cleanup() };
}

async function finish(
  handle: ProcessHandle,
  killed: boolean,
  cleanup: () => Promise<void>,
): Promise<KubectlResult> {
  const status = killed ? await handle.stop({ graceMs: 2000 }) : await handle.waitForExit(5000);
  await cleanup();
  return { stdout: handle.stdout(), stderr: handle.stderr(), code: status.code, killed };
}

/** Runs kubectl to completion (or until the timeout) and returns its output and exit code. */
export async function runKubectl(
  path: string,
  server: string,
  args: readonly string[],
  options: KubectlRunOptions = {},
): Promise<KubectlResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const { handle, cleanup } = await startIsolated(path, server, args);
  try {
    await handle.waitForExit(timeoutMs);
    return await finish(handle, false, cleanup);
  } catch {
    return finish(handle, true, cleanup);
  }
}

/** Starts a long-running kubectl (e.g. `get events -w`) that is killed after `killAfterMs`. */
export async function spawnKubectlWatch(
  path: string,
  server: string,
  args: readonly string[],
  options: { readonly killAfterMs: number },
): Promise<KubectlWatch> {
  const { handle, cleanup } = await startIsolated(path, server, args);
  let settled: Promise<KubectlResult> | undefined;
  const end = (killed: boolean): Promise<KubectlResult> => {
    settled ??= finish(handle, killed && handle.exitStatus === undefined, cleanup);
    return settled;
  };
  const timer = setTimeout(() => void end(true), options.killAfterMs);
  timer.unref();
  // Exits on its own (end(false)) or because the timer killed it (end(true) already settled).
  const result = handle.waitForExit(options.killAfterMs + 10_000).then(
    () => end(false),
    () => end(true),
  );
  result.catch(() => undefined); // a caller that only uses stop() must not see an unhandled rejection
  return {
    stdout: () => handle.stdout(),
    stderr: () => handle.stderr(),
    stop: () => {
      clearTimeout(timer);
      return end(true);
    },
    result,
  };
}
