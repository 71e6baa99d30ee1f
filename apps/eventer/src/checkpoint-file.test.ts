import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CheckpointFile, type CheckpointEntry } from './checkpoint-file.js';

describe('CheckpointFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventer-checkpoint-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const entries = (rv: string) =>
    new Map<string, CheckpointEntry>([['log', { resourceVersion: rv, updatedAt: 'x' }]]);

  it('should read an absent file as an empty checkpoint', async () => {
    expect((await new CheckpointFile(join(dir, 'none.json')).load()).size).toBe(0);
  });

  it('should round-trip entries, creating the directory', async () => {
    const file = new CheckpointFile(join(dir, 'sub', 'cp.json'));
    await file.save(entries('42'), new Date(0));
    expect((await file.load()).get('log')?.resourceVersion).toBe('42');
  });

  it('should replace the file whole and leave no temporary file behind', async () => {
    const file = new CheckpointFile(join(dir, 'cp.json'));
    await file.save(entries('1'), new Date(0));
    await file.save(entries('2'), new Date(0));
    expect(await readdir(dir)).toEqual(['cp.json']);
    expect((await file.load()).get('log')?.resourceVersion).toBe('2');
  });

  it('should keep the last complete checkpoint when a write died before its rename', async () => {
    const file = new CheckpointFile(join(dir, 'cp.json'));
    await file.save(entries('7'), new Date(0));
    // What a crash between write and rename leaves: a torn temporary file.
    await writeFile(join(dir, 'cp.json.12345.tmp'), '{"version":1,"sinks":{"log":{"resou');
    expect((await file.load()).get('log')?.resourceVersion).toBe('7');
  });

  it('should refuse a damaged file and name it', async () => {
    const path = join(dir, 'cp.json');
    await writeFile(path, '{"version":1,"sinks":{"log":{"resourceVersion":"abc"}}}');
    await expect(new CheckpointFile(path).load()).rejects.toThrow(
      `checkpoint file ${path}: sink "log" has no decimal resourceVersion`,
    );
    await writeFile(path, 'not json');
    await expect(new CheckpointFile(path).load()).rejects.toThrow(/is not JSON/);
  });
});
