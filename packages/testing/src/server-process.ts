// The life cycle shared by the real servers: start on 127.0.0.1 ports in a temp dir, ready when
// a health URL says so, pause/resume (SIGSTOP), halt/restart on the same port with the same data
// (an outage), and stop, which also deletes the temp dir.
import { freePorts } from './free-port.js';
import { httpRequest, type HttpResponse } from './http.js';
import { groupOwnsPort } from './process-group.js';
import { ProcessHandle } from './process-handle.js';
import { tempDir, type TempDir } from './temp-dir.js';
import { waitFor } from './wait-for.js';

export interface ServerLifecycle {
  readonly url: string;
  readonly port: number;
  /** The server's temp dir (config and data); deleted by stop(). */
  readonly dataDir: string;
  /** PID of the running process group, undefined while halted or stopped. */
  readonly pid: number | undefined;
  /** SIGSTOP: the port stays bound and requests hang until resume(). */
  pause(): void;
  resume(): void;
  /** Stops the process but keeps port and data for restart(): connections are refused. */
  halt(): Promise<void>;
  /** Starts again on the same port with the same data, ready when this resolves. */
  restart(): Promise<void>;
  /** Stops the process for good and removes the temp dir; safe to call twice. */
  stop(): Promise<void>;
  /** Recent stdout and stderr of the current (or last) process, for failure messages. */
  output(): string;
}

export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly readyUrl: string;
  readonly isReady: (response: HttpResponse) => boolean;
}

const START_TIMEOUT_MS = 20_000;
const PORT_ATTEMPTS = 3;

class EarlyExitError extends Error {}

export abstract class ServerProcess implements ServerLifecycle {
  private handle: ProcessHandle | undefined;
  private lastOutput = '';
  private stopped = false;

  protected constructor(
    private readonly name: string,
    private readonly dir: TempDir,
    readonly port: number,
  ) {}

  /** Command line and health check; called for every (re)start. */
  protected abstract launchSpec(): LaunchSpec;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get dataDir(): string {
    return this.dir.path;
  }

  get pid(): number | undefined {
    return this.handle?.exitStatus === undefined ? this.handle?.pid : undefined;
  }

  output(): string {
    if (this.handle === undefined) return this.lastOutput;
    return `${this.handle.stdout()}${this.handle.stderr()}`;
  }

  pause(): void {
    this.running('pause').pause();
  }

  resume(): void {
    this.running('resume').resume();
  }

  async halt(): Promise<void> {
    const handle = this.handle;
    if (handle === undefined) return;
    await handle.stop();
    this.lastOutput = `${handle.stdout()}${handle.stderr()}`;
    this.handle = undefined;
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error(`${this.name}: restart() after stop()`);
    await this.halt();
    await this.launch();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.halt();
    await this.dir.cleanup();
  }

  /** Starts the process and waits until it is ready; an early exit raises EarlyExitError. */
  protected async launch(): Promise<void> {
    const spec = this.launchSpec();
    const handle = ProcessHandle.start({
      command: spec.command,
      args: spec.args,
      cwd: this.dir.path,
    });
    this.handle = handle;
    try {
      await waitFor(
        // Ready only when the answer came from our process: with a port collision the health
        // check can be answered by another server before ours exits with "address in use".
        async () =>
          spec.isReady(await httpRequest(spec.readyUrl, { timeoutMs: 2000 })) &&
          groupOwnsPort(handle.pid, this.port),
        {
          description: `${this.name} to answer ${spec.readyUrl}`,
          timeoutMs: START_TIMEOUT_MS,
          intervalMs: 25,
          giveUpIf: () => (handle.exitStatus === undefined ? undefined : 'the process exited'),
        },
      );
    } catch (error) {
      await this.halt();
      const message = `${this.name} did not start (${spec.command} ${spec.args.join(' ')}): ${
        (error as Error).message
      }\n--- output ---\n${this.lastOutput.slice(-3000)}`;
      throw handle.exitStatus === undefined ? new Error(message) : new EarlyExitError(message);
    }
  }

  /**
   * Creates and launches a server on fresh ports in a fresh temp dir. Another process can grab a
   * port between freePort() and the bind, so an early exit is retried with new ports.
   */
  protected static async launchOnFreePorts<T extends ServerProcess>(
    prefix: string,
    portCount: number,
    create: (dir: TempDir, ports: number[]) => T,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const dir = await tempDir(prefix);
      const server = create(dir, await freePorts(portCount));
      try {
        await server.launch();
        return server;
      } catch (error) {
        await server.stop();
        if (!(error instanceof EarlyExitError) || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
  }

  private running(action: string): ProcessHandle {
    if (this.handle === undefined) throw new Error(`${this.name}: ${action}() while not running`);
    return this.handle;
  }
}
