import { describe, expect, it } from '@jest/globals';
import { LineSplitter } from './watch-lines.js';

const tooLong = (): Error => new Error('line too long');

/** The lines of `chunks` as the previous decoder found them: decode everything, split strings. */
function referenceLines(chunks: readonly Buffer[]): string[] {
  const decoder = new TextDecoder();
  let pending = '';
  const lines: string[] = [];
  for (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line !== '') lines.push(line);
      newline = pending.indexOf('\n');
    }
  }
  const last = (pending + decoder.decode()).trim();
  if (last !== '') lines.push(last);
  return lines;
}

function split(chunks: readonly Buffer[], max = 1 << 20): string[] {
  const splitter = new LineSplitter(max, tooLong);
  const lines = chunks.flatMap(chunk => splitter.push(chunk));
  const last = splitter.end();
  return (last === undefined ? lines : [...lines, last]).map(line => line.trim());
}

/** `text` cut into chunks of the given sizes (the last chunk takes the rest). */
function cut(text: string, sizes: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) break;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  return chunks;
}

const stream =
  '{"type":"ADDED","object":{"message":"Back-off — 重启 🚀"}}\n' +
  '\n' +
  '  \r\n' +
  '{"type":"MODIFIED","object":{"count":2}}\r\n' +
  '{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"12"}}}';

describe('LineSplitter', () => {
  it('finds the lines the string decoder found, however the bytes are chunked', () => {
    const expected = referenceLines([Buffer.from(stream)]);
    expect(expected).toHaveLength(3);
    const bytes = Buffer.byteLength(stream);
    // Every single cut point, including inside multi-byte characters, and 1-byte chunks.
    for (let at = 0; at <= bytes; at++) expect(split(cut(stream, [at]))).toEqual(expected);
    expect(
      split(
        cut(
          stream,
          Array.from({ length: bytes }, () => 1),
        ),
      ),
    ).toEqual(expected);
    for (const size of [2, 3, 5, 7, 64]) {
      const chunks = cut(
        stream,
        Array.from({ length: bytes }, () => size),
      );
      expect(split(chunks)).toEqual(referenceLines(chunks));
    }
  });

  it('decodes a line that sits inside one chunk without joining buffers', () => {
    const splitter = new LineSplitter(100, tooLong);
    expect(splitter.push(Buffer.from('{"a":1}\n{"b":'))).toEqual(['{"a":1}']);
    expect(splitter.push(Buffer.from('2}\n'))).toEqual(['{"b":2}']);
    expect(splitter.end()).toBeUndefined();
  });

  it('throws once a partial line passes the bound', () => {
    const splitter = new LineSplitter(8, tooLong);
    expect(splitter.push(Buffer.from('{"a":'))).toEqual([]);
    expect(() => splitter.push(Buffer.from('"long"'))).toThrow('line too long');
    expect(new LineSplitter(8, tooLong).push(Buffer.from('{"a":"long enough"}\n'))).toEqual([
      '{"a":"long enough"}',
    ]);
  });
});
