import { describe, expect, it } from '@jest/globals';
import {
  compareResourceVersions,
  earlierResourceVersion,
  isComparableResourceVersion,
  laterResourceVersion,
} from './resource-version.js';

describe('resourceVersion ordering', () => {
  it('should compare by numeric value, also beyond 2^53', () => {
    expect(compareResourceVersions('9', '10')).toBeLessThan(0);
    expect(compareResourceVersions('18446744073709551615', '18446744073709551614')).toBeGreaterThan(
      0,
    );
    expect(compareResourceVersions('42', '42')).toBe(0);
  });

  it('should refuse what is not a decimal integer rather than order it wrongly', () => {
    expect(isComparableResourceVersion('007')).toBe(false);
    expect(isComparableResourceVersion('abc')).toBe(false);
    expect(() => compareResourceVersions('12', 'x1')).toThrow(/"x1" is not a decimal integer/);
  });

  it('should treat a missing version as none yet (later) and as nothing exported (earlier)', () => {
    expect(laterResourceVersion(undefined, '5')).toBe('5');
    expect(laterResourceVersion('12', '5')).toBe('12');
    expect(earlierResourceVersion(undefined, '5')).toBeUndefined();
    expect(earlierResourceVersion('12', '5')).toBe('5');
  });
});
