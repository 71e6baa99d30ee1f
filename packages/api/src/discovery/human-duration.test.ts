import { describe, expect, it } from '@jest/globals';
import { humanDuration } from './human-duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  it.each([
    [-3 * S, '<invalid>'],
    [-1 * S, '0s'],
    [0, '0s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [5 * M + 3 * S, '5m3s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H + 20 * M, '3h20m'],
    [7 * H, '7h'],
    [47 * H, '47h'],
    [2 * D + 4 * H, '2d4h'],
    [3 * D, '3d'],
    [400 * D, '400d'],
    [731 * D, '2y1d'],
    [3 * 365 * D, '3y'],
    [9 * 365 * D, '9y'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
