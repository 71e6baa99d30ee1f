import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger, createMemoryLogger, parseLogLevel } from './logger.js';

function collector(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(line => line !== '')
      .map(line => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger', () => {
  it('should write one JSON object a line with level, message, name and fields', () => {
    const out = collector();
    const logger = createLogger({ name: 'heapster', destination: out.stream });
    logger.child({ sink: 'influxdb' }).warn('write failed', { status: 500 });
    const [line] = out.lines();
    expect(line).toMatchObject({
      level: 'warn',
      msg: 'write failed',
      name: 'heapster',
      sink: 'influxdb',
      status: 500,
    });
    expect(typeof line?.time).toBe('string');
  });

  it('should drop lines below the configured level', () => {
    const out = collector();
    const logger = createLogger({ level: 'warn', destination: out.stream });
    logger.info('hidden');
    logger.error('shown');
    expect(out.lines().map(line => line.msg)).toEqual(['shown']);
  });
});

describe('createMemoryLogger', () => {
  it('should keep lines from children in one bounded list', () => {
    const logger = createMemoryLogger(2);
    logger.info('a');
    logger.child({ node: 'n1' }).warn('b');
    logger.error('c');
    expect(logger.lines.map(line => line.message)).toEqual(['b', 'c']);
    expect(logger.lines[0]?.fields).toEqual({ node: 'n1' });
  });
});

describe('parseLogLevel', () => {
  it('should name the bad value', () => {
    expect(() => parseLogLevel('verbose')).toThrow('invalid log level "verbose"');
  });
});
