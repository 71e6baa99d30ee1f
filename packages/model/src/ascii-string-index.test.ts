import { describe, expect, it } from '@jest/globals';
import { ASCII_HASH_SEED, asciiHash, asciiHashStep } from './ascii-string-index.js';
import { StringTable } from './string-table.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function find(table: StringTable, text: string, padding = ''): string | undefined {
  // The name sits inside a larger body, as it does in a response.
  const body = encode(`${padding}"${text}"${padding}`);
  const start = encode(padding).length + 1;
  const end = start + encode(text).length;
  return table.findAscii(body, start, end, asciiHash(body, start, end));
}

describe('StringTable.findAscii', () => {
  it('finds every interned ASCII string by its bytes, through growth of the index', () => {
    const table = new StringTable();
    const names = Array.from({ length: 5_000 }, (_, i) => `pod-${i.toString(36)}-x`);
    for (const name of names) table.intern(name);
    for (const name of names) expect(find(table, name, '{"name":')).toBe(name);
    expect(find(table, '')).toBe('');
    // The id form answers the id intern gave, and holds() confirms it by index.
    for (const name of names) {
      const bytes = encode(name);
      const id = table.findAsciiId(bytes, 0, bytes.length, asciiHash(bytes));
      expect(id).toBe(table.idOf(name));
      expect(table.holds(id, name)).toBe(true);
      expect(table.holds(id, `${name}?`)).toBe(false);
    }
    expect(table.findAsciiId(encode('absent'), 0, 6, asciiHash(encode('absent')))).toBe(-1);
    expect(table.holds(-1, 'absent')).toBe(false);
    expect(table.holds(table.size, 'absent')).toBe(false);
  });

  it('finds nothing for strings never interned, prefixes, or non-ASCII strings', () => {
    const table = new StringTable();
    table.intern('kube-system');
    table.intern('café');
    expect(find(table, 'kube-syste')).toBeUndefined();
    expect(find(table, 'kube-systems')).toBeUndefined();
    expect(find(table, 'default')).toBeUndefined();
    expect(find(table, 'caf')).toBeUndefined();
  });

  it('never returns a different string whose hash collides', () => {
    const table = new StringTable();
    table.intern('pod-a');
    table.intern('pod-bb');
    // 'pod-b' given the hash of 'pod-a' is a collision: same hash, same length, other bytes.
    const other = encode('pod-b');
    expect(table.findAscii(other, 0, 5, asciiHash(encode('pod-a')))).toBeUndefined();
    expect(table.findAscii(other, 0, 5, asciiHash(other))).toBeUndefined();
    const longer = encode('pod-bb');
    expect(table.findAscii(longer, 0, 6, asciiHash(longer))).toBe('pod-bb');
  });

  it('hashes a string byte by byte exactly as asciiHash does', () => {
    const bytes = encode('default/nginx-7c5ddbdf54-2xqmh');
    let hash = ASCII_HASH_SEED;
    for (const byte of bytes) hash = asciiHashStep(hash, byte);
    expect(hash).toBe(asciiHash(bytes));
    expect(asciiHash(encode('a'))).not.toBe(asciiHash(encode('b')));
  });
});

describe('StringTable.intern', () => {
  it('gives each distinct string one id, ASCII or not, through growth of the index', () => {
    const table = new StringTable();
    const ascii = Array.from({ length: 3_000 }, (_, i) => `ns-${i % 7}/pod-${i.toString(36)}`);
    const other = ['café', 'naïve-pod', 'ünïcode', '日本'];
    const ids = new Map<string, number>();
    for (const value of [...ascii, ...other, ...ascii, ...other]) {
      const id = table.intern(value);
      expect(ids.get(value) ?? id).toBe(id);
      ids.set(value, id);
      expect(table.get(id)).toBe(value);
      expect(table.idOf(value)).toBe(id);
    }
    expect(table.size).toBe(1 + ascii.length + other.length);
    expect(new Set(ids.values()).size).toBe(ascii.length + other.length);
    expect(table.intern('')).toBe(0);
    expect(table.idOf('')).toBe(0);
    for (const absent of ['pod-zz', 'café!', 'ns-1/pod-0 ']) expect(table.idOf(absent)).toBe(-1);
    // A string built at run time (another object, same characters) finds the same id.
    expect(table.idOf(['ns-1', 'pod-1'].join('/'))).toBe(ids.get('ns-1/pod-1'));
  });
});
