import { expect, test } from '@jest/globals';
import { placeholder } from './index.js';

test('x', () => {
  expect(placeholder).toBe(1);
});
