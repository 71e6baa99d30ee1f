import { describe, expect, it } from '@jest/globals';
import {
  ConfigError,
  PartialWriteError,
  PermanentError,
  RetryableError,
  isRetryable,
} from './errors.js';

describe('classified errors', () => {
  it('should tell retryable from permanent failures', () => {
    expect(isRetryable(new RetryableError('503', { retryAfterMs: 2000 }))).toBe(true);
    expect(isRetryable(new PermanentError('400'))).toBe(false);
    expect(new RetryableError('429', { retryAfterMs: 2000 }).retryAfterMs).toBe(2000);
  });

  it('should carry codes and counts', () => {
    const partial = new PartialWriteError('field type conflict', 3);
    expect(partial.code).toBe('HEAPSTER_ERR_PARTIAL_WRITE');
    expect(partial.failed).toBe(3);
    expect(partial.name).toBe('PartialWriteError');
  });

  it('should report every config problem together, each naming its field', () => {
    const error = new ConfigError([
      { field: '--metric_resolution', message: 'must be at least 5s' },
      { field: 'influxdb: concurrency', message: 'must be > 0' },
    ]);
    expect(error.message).toBe(
      '--metric_resolution: must be at least 5s\ninfluxdb: concurrency: must be > 0',
    );
    expect(error.problems).toHaveLength(2);
  });
});
