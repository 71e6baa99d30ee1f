import { describe, expect, it } from '@jest/globals';
import { preferredCoding, type ContentCoding } from './accept-encoding.js';

describe('preferredCoding (Accept-Encoding, RFC 9110 §12.5.3)', () => {
  const cases: [string | undefined, ContentCoding][] = [
    // No header: identity (clients that decompress say so).
    [undefined, 'identity'],
    ['', 'identity'],
    // What Go's transport (kubectl, client-go), curl --compressed and browsers send.
    ['gzip', 'gzip'],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br, zstd', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    [' gzip ; q=0.8 ', 'gzip'],
    // Codings we do not produce.
    ['br', 'identity'],
    ['deflate, br', 'identity'],
    ['identity', 'identity'],
    // q-values: 0 refuses, the higher q wins, gzip wins a tie.
    ['gzip;q=0', 'identity'],
    ['gzip;q=0.000', 'identity'],
    ['gzip;q=0.5, identity', 'identity'],
    ['gzip;q=0.5, identity;q=0.4', 'gzip'],
    ['gzip, identity', 'gzip'],
    ['identity;q=1, gzip;q=1.000', 'gzip'],
    ['gzip;q=0.001', 'gzip'],
    // `*` stands for every coding not listed, identity included.
    ['*', 'gzip'],
    ['*;q=0.5', 'gzip'],
    ['*, gzip;q=0', 'identity'],
    ['gzip;q=0, *', 'identity'],
    ['br, *;q=0.1', 'gzip'],
    ['*;q=0', 'identity'],
    ['identity;q=0', 'identity'],
    ['identity;q=0, gzip;q=0.1', 'gzip'],
    ['*;q=0, gzip', 'gzip'],
    // Nothing acceptable left: identity rather than a 406, as kube-apiserver.
    ['gzip;q=0, identity;q=0', 'identity'],
    // Malformed q: the entry is ignored.
    ['gzip;q=2', 'identity'],
    ['gzip;q=abc', 'identity'],
    ['gzip;q=0.0001', 'identity'],
    ['gzip;q=', 'identity'],
    ['gzip;q=abc, gzip', 'gzip'],
    // Other parameters do not matter; empty entries are skipped.
    ['gzip;level=9', 'gzip'],
    [',,gzip,,', 'gzip'],
    [';q=1', 'identity'],
  ];
  it.each(cases)('%j → %s', (header, expected) => {
    expect(preferredCoding(header)).toBe(expected);
  });
});
