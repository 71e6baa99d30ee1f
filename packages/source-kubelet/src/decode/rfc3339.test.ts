import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../testing/prng.js';
import { parseRfc3339 } from './rfc3339.js';

describe('parseRfc3339', () => {
  it.each([
    ['2024-05-01T12:00:00Z', Date.parse('2024-05-01T12:00:00Z')],
    ['2024-02-29T23:59:59z', Date.parse('2024-02-29T23:59:59Z')],
    ['2024-05-01T12:00:00.5Z', Date.parse('2024-05-01T12:00:00.500Z')],
    ['2024-05-01T12:00:00.123456789Z', Date.parse('2024-05-01T12:00:00Z') + 123.456789],
    ['2024-05-01T14:30:00+02:30', Date.parse('2024-05-01T12:00:00Z')],
    ['2024-05-01T08:00:00-04:00', Date.parse('2024-05-01T12:00:00Z')],
    ['1970-01-01T00:00:00Z', 0],
    ['0001-01-01T00:00:00Z', -62_135_596_800_000],
  ])('reads %s', (text, ms) => {
    expect(parseRfc3339(text)).toBeCloseTo(ms, 3);
  });

  it('agrees with Date.parse on random instants', () => {
    const random = seededRandom(9);
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor((random() * 2 - 0.5) * 4e12);
      const text = new Date(ms).toISOString().replace('.000Z', 'Z');
      expect(parseRfc3339(text)).toBe(Date.parse(text));
    }
  });

  it.each([
    '',
    'yesterday',
    '2024-05-01 12:00:00Z',
    '2024-05-01T12:00:00',
    '2024-13-01T12:00:00Z',
    '2024-05-01T24:00:00Z',
    '2024-05-01T12:00:00.Z',
    '2024-05-01T12:00:00Zjunk',
    '2024-05-01T12:00:00+0200',
    '2024-05-0xT12:00:00Z',
  ])('returns NaN for %j', text => {
    expect(parseRfc3339(text)).toBeNaN();
  });
});
