// A child process in its own process group, stopped as a group: servers never outlive the test.
// Three layers make sure of that: stop() signals the whole group (negative pid); an exit hook
// kills every live group when a plain Node process exits; and a tiny shell watchdog kills the
// server when our end of its stdin pipe closes, which also covers a test process that is
// SIGKILLed or a jest worker whose `process` object never emits 'exit'.
import { spawn, type ChildProcess } from 'node:child_process';
import { groupStopped, liveProcessesInGroup } from './process-group.js';
import { waitFor } from './wait-for.js';

export interface ProcessStartOptions {
  /** Absolute path, or a name looked up on PATH. */
  readonly command: string;
  readonly args?: readonly string[];
  readonly cwd?: string;
  /** The complete environment of the child (default: this process's environment). */
  readonly env?: NodeJS.ProcessEnv;
  /** Most recent bytes of stdout, and of stderr, kept for inspection. Default 1 MiB each. */
  readonly outputLimitBytes?: number;
}

export interface ExitStatus {
  /** The command's exit code, 128+n if it died of signal n (the watchdog shell reports it). */
  readonly code: number | null;
  /** Set only when the watchdog shell itself was killed (SIGKILL escalation). */
  readonly signal: NodeJS.Signals | null;
}

export interface StopOptions {
  readonly signal?: NodeJS.Signals;
  /** How long the group gets to exit after `signal` before SIGKILL. Default 5000 ms. */
  readonly graceMs?: number;
}

export interface ManagedProcess {
  /** PID of the group leader, which is also the process-group id. */
  readonly pid: number;
  readonly exitStatus: ExitStatus | undefined;
  stdout(): string;
  stderr(): string;
  waitForExit(timeoutMs: number): Promise<ExitStatus>;
  /** SIGSTOP to the group: ports stay bound, requests hang. */
  pause(): void;
  resume(): void;
  stop(options?: StopOptions): Promise<ExitStatus>;
}

// Runs "$@" in the background and kills it once stdin reaches EOF, i.e. once the Node process
// that holds the other end of the pipe is gone, however it went. A background job's stdin is
// /dev/null in a non-interactive shell, hence the copy on fd 3. The shell outlives a group-wide
// SIGTERM (trap) so that its exit means the server has finished its graceful shutdown; its exit
// status is the server's (128+n after signal n).
// The trap comes first: once any child exists, a group-wide SIGTERM must find it in place (the
// children start with the default dispositions, since a trapped signal is reset in them).
const WATCHDOG_SCRIPT = [
  "trap 'terminating=1' TERM INT HUP",
  'exec 3<&0',
  '"$@" </dev/null 3<&- &',
  'child=$!',
  '{ cat <&3 >/dev/null; kill -KILL "$child" 2>/dev/null; } &',
  'exec 3<&-',
  'while :; do',
  '  wait "$child"; status=$?',
  '  kill -0 "$child" 2>/dev/null || exit "$status"',
  'done',
].join('\n');

const DEFAULT_OUTPUT_LIMIT = 1024 * 1024;
const PAUSE_TIMEOUT_MS = 2000;
const PAUSE_SLEEPER = new Int32Array(new SharedArrayBuffer(4));
const live = new Set<ProcessHandle>();
let exitHookInstalled = false;

function killAllAtExit(): void {
  for (const handle of live) handle.signalGroup('SIGKILL');
  live.clear();
}

export class ProcessHandle implements ManagedProcess {
  readonly pid: number;
  private status: ExitStatus | undefined;
  private out = '';
  private err = '';
  private readonly exited: Promise<ExitStatus>;

  private constructor(
    child: ChildProcess,
    private readonly outputLimit: number,
  ) {
    if (child.pid === undefined) throw new Error('ProcessHandle: spawn returned no pid');
    this.pid = child.pid;
    this.exited = new Promise(resolve => {
      child.once('exit', (code, signal) => {
        const status = { code, signal };
        live.delete(this);
        child.stdin?.destroy();
        this.signalGroup('SIGKILL'); // sweep stragglers such as the watchdog's cat
        // 'exit' can come before the last output is read: wait (briefly) for both pipes to end.
        const ended = (stream: NodeJS.ReadableStream | null) =>
          stream === null || (stream as { readableEnded?: boolean }).readableEnded === true
            ? Promise.resolve()
            : new Promise<void>(done => stream.once('end', done).once('close', done));
        const bound = new Promise<void>(done => setTimeout(done, 1000).unref());
        void Promise.race([Promise.all([ended(child.stdout), ended(child.stderr)]), bound]).then(
          () => {
            this.status = status;
            resolve(status);
          },
        );
      });
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.out = keepTail(this.out + chunk, this.outputLimit);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.err = keepTail(this.err + chunk, this.outputLimit);
    });
    // Neither the child nor its pipes may hold the test process open.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      (stream as { unref?: () => void } | null)?.unref?.();
    }
  }

  static start(options: ProcessStartOptions): ProcessHandle {
    const child = spawn(
      '/bin/sh',
      ['-c', WATCHDOG_SCRIPT, 'watchdog', options.command, ...(options.args ?? [])],
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const handle = new ProcessHandle(child, options.outputLimitBytes ?? DEFAULT_OUTPUT_LIMIT);
    live.add(handle);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', killAllAtExit);
    }
    return handle;
  }

  get exitStatus(): ExitStatus | undefined {
    return this.status;
  }

  stdout(): string {
    return this.out;
  }

  stderr(): string {
    return this.err;
  }

  async waitForExit(timeoutMs: number): Promise<ExitStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`process group ${this.pid} did not exit within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Returns once every thread of the group has stopped (or after 2 s, with an error). */
  pause(): void {
    this.signalGroup('SIGSTOP');
    const deadline = Date.now() + PAUSE_TIMEOUT_MS;
    while (!groupStopped(this.pid)) {
      if (Date.now() > deadline) {
        // Left stopped, the group would outlive the test: its watchdog cannot run either.
        this.signalGroup('SIGCONT');
        throw new Error(
          `ProcessHandle: group ${this.pid} not stopped ${PAUSE_TIMEOUT_MS} ms after SIGSTOP`,
        );
      }
      Atomics.wait(PAUSE_SLEEPER, 0, 0, 1); // pause() is synchronous: sleep 1 ms between looks
    }
  }

  resume(): void {
    this.signalGroup('SIGCONT');
  }

  async stop(options: StopOptions = {}): Promise<ExitStatus> {
    if (this.status === undefined) {
      this.signalGroup(options.signal ?? 'SIGTERM');
      this.signalGroup('SIGCONT'); // a paused group only acts on the signal once continued
      try {
        await this.waitForExit(options.graceMs ?? 5000);
      } catch {
        this.signalGroup('SIGKILL');
        await this.waitForExit(5000);
      }
    }
    // SIGKILLed processes take a moment to disappear; callers may assert that none is left.
    await waitFor(() => liveProcessesInGroup(this.pid).length === 0, {
      description: `process group ${this.pid} to be gone`,
      timeoutMs: 5000,
      intervalMs: 10,
    });
    return this.status ?? (await this.exited);
  }

  /** Signals every process in the group; a group that is already gone is not an error. */
  signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

function keepTail(text: string, limit: number): string {
  return text.length > limit ? text.slice(text.length - limit) : text;
}
