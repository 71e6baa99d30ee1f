import { describe, expect, it } from '@jest/globals';
import { findRepoRoot } from '@heapster/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ERROR_CODES } from './error-codes.js';

/** The rows of docs/errors.md's HTTP APIs section: code → [HTTP column, reason column]. */
function documentedCodes(): Map<string, [string, string]> {
  const doc = readFileSync(join(findRepoRoot(), 'docs', 'errors.md'), 'utf8');
  const start = doc.indexOf('\n## HTTP APIs');
  expect(start).toBeGreaterThan(0);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const rows = new Map<string, [string, string]>();
  for (const match of section.matchAll(
    /^\| `(HEAPSTER_ERR_[A-Z_]+)` +\| ([^|]+) \| ([^|]+) \|/gm,
  )) {
    expect(rows.has(match[1]!)).toBe(false);
    rows.set(match[1]!, [match[2]!.trim(), match[3]!.trim()]);
  }
  return rows;
}

describe('error catalogue', () => {
  it('should document every code of the HTTP APIs, and no code that does not exist', () => {
    const documented = documentedCodes();
    expect([...documented.keys()].sort()).toEqual(Object.keys(API_ERROR_CODES).sort());
  });

  it('should document the status and Kubernetes reason of every code as the code has them', () => {
    for (const [code, [http, reason]] of documentedCodes()) {
      const spec = API_ERROR_CODES[code as keyof typeof API_ERROR_CODES];
      expect([code, http.split(' ')[0]]).toEqual([code, String(spec.status)]);
      expect([code, reason]).toEqual([code, spec.reason]);
    }
  });
});
