import { describe, expect, it } from '@jest/globals';
import { transformFileSync } from '@swc/core';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { groupOwnsPort, liveProcessesInGroup } from './process-group.js';
import { ProcessHandle } from './process-handle.js';
import { tempDir } from './temp-dir.js';
import { waitFor } from './wait-for.js';

function processState(pid: number): string | undefined {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
}

function commandsInGroup(pgid: number): string[] {
  return liveProcessesInGroup(pgid).map(pid => readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
}

describe('ProcessHandle', () => {
  it('stops every process of its group, grandchildren included', async () => {
    const handle = ProcessHandle.start({
      command: '/bin/sh',
      args: ['-c', 'sleep 300 & sleep 300 & wait'],
    });
    // Both sleeps, not merely four processes: a shell forked but not yet exec'd still holds the
    // watchdog's trap, and would swallow the SIGTERM.
    await waitFor(() => commandsInGroup(handle.pid).filter(name => name === 'sleep').length === 2, {
      description: 'the two sleeps',
    });
    const status = await handle.stop();
    expect(status).toEqual({ code: 143, signal: null }); // 128 + SIGTERM, as the wrapper reports it
    expect(liveProcessesInGroup(handle.pid)).toEqual([]);
  });

  it('reports a SIGTERM that arrives as soon as the command has started as 128 + 15', async () => {
    // The watchdog must trap SIGTERM before it starts anything: a stop right after the command
    // appears in the group used to kill the watchdog itself (status "signal SIGTERM").
    for (let round = 0; round < 20; round += 1) {
      const handle = ProcessHandle.start({ command: 'sleep', args: ['300'] });
      await waitFor(() => commandsInGroup(handle.pid).includes('sleep'), {
        description: 'the command to start',
        intervalMs: 1,
      });
      expect(await handle.stop()).toEqual({ code: 143, signal: null });
    }
  });

  it('pauses and resumes the group, and stops a paused group', async () => {
    const handle = ProcessHandle.start({ command: 'sleep', args: ['300'] });
    const sleeper = await waitFor(
      () =>
        liveProcessesInGroup(handle.pid).find(
          pid => pid !== handle.pid && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sleep',
        ),
      { description: 'the sleep process' },
    );
    handle.pause();
    expect(processState(sleeper)).toBe('T'); // pause() returns once the group has stopped
    handle.resume();
    await waitFor(() => processState(sleeper) === 'S', {
      description: 'sleep to run again (state S)',
    });
    handle.pause();
    await handle.stop();
    expect(liveProcessesInGroup(handle.pid)).toEqual([]);
  });

  it('tells whether the listeners on a port belong to the group alone', async () => {
    const port = await freePort();
    const handle = ProcessHandle.start({
      command: process.execPath,
      args: ['-e', `require('net').createServer().listen(${port}, '127.0.0.1')`],
    });
    try {
      await waitFor(() => groupOwnsPort(handle.pid, port), { description: 'the child to listen' });
      // The same port seen from a group that does not hold it, and a port nobody listens on.
      expect(groupOwnsPort(process.pid, port)).toBe(false);
      expect(groupOwnsPort(handle.pid, await freePort())).toBe(false);
    } finally {
      await handle.stop();
    }
    expect(groupOwnsPort(handle.pid, port)).toBe(false);
  });

  it('reports the exit code and keeps the output', async () => {
    const handle = ProcessHandle.start({
      command: '/bin/sh',
      args: ['-c', 'echo out; echo err >&2; exit 3'],
    });
    const status = await handle.waitForExit(10_000);
    expect(status).toEqual({ code: 3, signal: null });
    expect(handle.stdout()).toBe('out\n');
    expect(handle.stderr()).toBe('err\n');
  });

  it('keeps only the most recent output beyond the limit', async () => {
    const handle = ProcessHandle.start({
      command: '/bin/sh',
      args: ['-c', 'i=0; while [ $i -lt 200 ]; do echo line$i; i=$((i+1)); done'],
      outputLimitBytes: 16,
    });
    await handle.waitForExit(10_000);
    expect(handle.stdout()).toHaveLength(16);
    expect(handle.stdout().endsWith('line199\n')).toBe(true);
  });

  it.each(['SIGKILL', 'exit'] as const)(
    'leaves no orphan when the owning process ends by %s',
    async how => {
      // The owner is a plain Node process running the compiled module, so its death is real.
      const dir = await tempDir('owner');
      try {
        const srcDir = fileURLToPath(new URL('.', import.meta.url));
        for (const module of ['process-handle', 'process-group', 'wait-for']) {
          const compiled = transformFileSync(join(srcDir, `${module}.ts`), {
            jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
            module: { type: 'es6' },
          });
          writeFileSync(join(dir.path, `${module}.js`), compiled.code);
        }
        writeFileSync(
          join(dir.path, 'owner.mjs'),
          [
            "import { ProcessHandle } from './process-handle.js';",
            "const handle = ProcessHandle.start({ command: 'sleep', args: ['300'] });",
            'process.stdout.write(`${handle.pid}\\n`);',
            how === 'exit'
              ? 'setTimeout(() => process.exit(0), 200);'
              : 'setInterval(() => {}, 1000);',
          ].join('\n'),
        );
        const owner = spawn(process.execPath, [join(dir.path, 'owner.mjs')], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let printed = '';
        owner.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
        const pgid = Number(
          await waitFor(() => /^(\d+)\n/.exec(printed)?.[1], {
            description: 'the owner to print the pgid',
            giveUpIf: () =>
              owner.exitCode === null ? undefined : `owner exited (${owner.exitCode})`,
          }),
        );
        await waitFor(() => liveProcessesInGroup(pgid).length >= 2, {
          description: 'the watched sleep to run',
        });
        if (how === 'SIGKILL') owner.kill('SIGKILL');
        await waitFor(() => liveProcessesInGroup(pgid).length === 0, {
          description: `process group ${pgid} to be gone after its owner ended by ${how}`,
        });
      } finally {
        await dir.cleanup();
      }
    },
  );
});
