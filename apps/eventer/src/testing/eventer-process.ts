import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProcessHandle, freePort, groupOwnsPort, httpRequest, waitFor } from '@heapster/testing';

/** The built binary, as `npm start` and a deployment run it. */
export const EVENTER_MAIN = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'dist',
  'main.js',
);

export interface EventerProcess {
  readonly handle: ProcessHandle;
  readonly port: number;
  /** One sample of a metric (summed over its label sets), from /metrics. */
  metric(name: string): Promise<number>;
}

/** Spawns `node dist/main.js <args>` in its own process group; resolves once /readyz says ok. */
export async function spawnEventer(args: readonly string[]): Promise<EventerProcess> {
  if (!existsSync(EVENTER_MAIN))
    throw new Error(`${EVENTER_MAIN} is missing: build the eventer first (npm run build)`);
  const port = await freePort();
  const handle = ProcessHandle.start({
    command: process.execPath,
    args: [EVENTER_MAIN, ...args, '--healthz-ip=127.0.0.1', `--healthz-port=${port}`],
    outputLimitBytes: 256 * 1024 * 1024,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    // Our eventer, not whatever else took the port first, must be the one answering.
    async () =>
      (await httpRequest(`${url}/readyz`, { timeoutMs: 2000 })).status === 200 &&
      groupOwnsPort(handle.pid, port),
    {
      description: 'eventer /readyz',
      timeoutMs: 30_000,
      intervalMs: 100,
      giveUpIf: () =>
        handle.exitStatus === undefined
          ? undefined
          : `the eventer exited: ${handle.stderr().slice(-2000)}`,
    },
  );
  return {
    handle,
    port,
    async metric(name) {
      const { text } = await httpRequest(`${url}/metrics`, { timeoutMs: 5000 });
      let sum = 0;
      for (const line of text.split('\n')) {
        const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
        if (match?.[1] === name) sum += Number(match[3]);
      }
      return sum;
    },
  };
}
