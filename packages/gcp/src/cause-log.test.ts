import { describe, expect, it } from '@jest/globals';
import { createMemoryLogger } from '@heapster/runtime';
import { CauseLog } from './cause-log.js';

const HEADLINE = 'Cloud Logging refused event entries (logged once per cause)';

describe('CauseLog', () => {
  it('logs a cause once with its headline and fields, and counts repeats', () => {
    const logger = createMemoryLogger();
    const causes = new CauseLog(logger, HEADLINE);
    expect(causes.report('PERMISSION_DENIED', 'no access to project 17', { sink: 'gcl' })).toBe(
      true,
    );
    expect(causes.report('PERMISSION_DENIED', 'no access to project 18')).toBe(false);
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: HEADLINE,
        fields: { code: 'PERMISSION_DENIED', error: 'no access to project 17', sink: 'gcl' },
      },
    ]);
    expect(causes.count('PERMISSION_DENIED', 'no access to project 1')).toBe(2);
  });

  it('tells causes apart by code and by the words of the message', () => {
    const logger = createMemoryLogger();
    const causes = new CauseLog(logger, HEADLINE);
    causes.report('InvalidArgument', 'point 17 of series 3 is too old');
    expect(causes.report('NotFound', 'point 17 of series 3 is too old')).toBe(true);
    expect(causes.report('InvalidArgument', 'unknown metric type')).toBe(true);
    expect(logger.lines).toHaveLength(3);
    expect(causes.count('Internal', 'unknown metric type')).toBe(0);
  });

  it('stops logging new causes past 64, but still counts the known ones', () => {
    const logger = createMemoryLogger();
    const causes = new CauseLog(logger, HEADLINE);
    const words = (i: number): string => `cause ${'x'.repeat(i + 1)}`;
    for (let i = 0; i < 70; i++) causes.report('Internal', words(i));
    expect(logger.lines).toHaveLength(64);
    expect(causes.report('Internal', words(0))).toBe(false);
    expect(causes.count('Internal', words(0))).toBe(2);
    expect(causes.count('Internal', words(69))).toBe(0);
  });
});
