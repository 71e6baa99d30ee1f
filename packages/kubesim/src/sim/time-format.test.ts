import { describe, expect, it } from '@jest/globals';
import { Prng } from './prng.js';
import { rfc3339, rfc3339Micro } from './time-format.js';

describe('time formats', () => {
  it('match Date.toISOString at whole seconds and microseconds, across centuries and leap days', () => {
    const r = new Prng(4);
    const samples = [0, 951_782_400_000, 4_107_542_399_999, -1, Date.parse('2024-02-29T23:59:59.999Z'), Date.parse('2100-03-01T00:00:00Z')];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(r.float(0, 4_102_444_800_000)));
    for (const ms of samples) {
      const iso = new Date(ms).toISOString();
      expect(rfc3339(ms)).toBe(iso.replace(/\.\d{3}Z$/, 'Z'));
      expect(rfc3339Micro(ms)).toBe(iso.replace(/Z$/, '000Z'));
    }
  });
});
