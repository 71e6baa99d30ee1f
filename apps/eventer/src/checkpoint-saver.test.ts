import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createMemoryLogger, systemClock } from '@heapster/runtime';
import { timerScheduler } from '@heapster/sink';
import { CheckpointFile } from './checkpoint-file.js';
import { CheckpointSaver } from './checkpoint-saver.js';

describe('CheckpointSaver', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventer-saver-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const saver = (path: string, logger = createMemoryLogger()) =>
    new CheckpointSaver({
      file: new CheckpointFile(path),
      initial: new Map([['gone', { resourceVersion: '3', updatedAt: 'x' }]]),
      intervalMs: 60_000,
      logger,
      clock: systemClock,
      scheduler: timerScheduler,
    });

  it('should write only when a checkpoint moved, keeping entries of sinks no longer configured', async () => {
    const path = join(dir, 'cp.json');
    const subject = saver(path);
    await subject.saveNow();
    expect(subject.writes).toBe(0);
    subject.update('log', '10');
    subject.update('log', '12');
    await Promise.all([subject.saveNow(), subject.saveNow()]);
    expect(subject.writes).toBe(1);
    const saved = JSON.parse(await readFile(path, 'utf8'));
    expect(saved.sinks.log.resourceVersion).toBe('12');
    expect(saved.sinks.gone.resourceVersion).toBe('3');
  });

  it('should survive a failing write, log it once, and write again later', async () => {
    // A directory where the file should be: every rename onto it fails, for root too.
    const path = join(dir, 'cp.json');
    await mkdir(path);
    const logger = createMemoryLogger();
    const subject = saver(path, logger);
    subject.update('log', '1');
    await subject.saveNow();
    await subject.saveNow();
    expect(subject.failures).toBe(2);
    expect(logger.lines.filter(l => l.level === 'warn')).toHaveLength(1);
    await rm(path, { recursive: true });
    await subject.saveNow();
    expect(subject.writes).toBe(1);
    expect(JSON.parse(await readFile(path, 'utf8')).sinks.log.resourceVersion).toBe('1');
  });
});
