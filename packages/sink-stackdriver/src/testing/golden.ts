import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Compares `actual` with a file under testdata/; `UPDATE_GOLDEN=1 npm test` rewrites the file
 * instead (then review the diff like code).
 */
export function readGolden(name: string, actual: string): string {
  const url = new URL(`../../testdata/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, actual);
  return readFileSync(url, 'utf8');
}
