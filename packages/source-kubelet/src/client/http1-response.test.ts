import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../testing/prng.js';
import {
  ChunkedBodyDecoder,
  MalformedResponseError,
  MAX_HEAD_BYTES,
  parseResponseHead,
} from './http1-response.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const head = (text: string) => parseResponseHead(bytes(text), text.length);

describe('parseResponseHead', () => {
  it('reads a Go server head: status, length, keep-alive and where the body starts', () => {
    const text =
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: Mon, 23 Nov 2026 00:00:00 GMT\r\n' +
      'Content-Length: 12\r\n\r\n{"node":{}}';
    expect(head(text)).toEqual({
      statusCode: 200,
      headBytes: text.indexOf('{'),
      contentLength: 12,
      chunked: false,
      keepAlive: true,
      bodyless: false,
    });
  });

  it('waits for the blank line, and refuses a head that never ends', () => {
    expect(head('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n')).toBeUndefined();
    const endless = `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`;
    expect(() => head(endless)).toThrow('malformed HTTP response: head: larger than 64 KiB');
  });

  it('reads chunked framing, connection options and HTTP/1.0 defaults', () => {
    expect(head('HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n')).toMatchObject({
      chunked: true,
      contentLength: -1,
      keepAlive: true,
    });
    expect(
      head('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'),
    ).toMatchObject({ statusCode: 503, keepAlive: false });
    expect(head('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n')?.keepAlive).toBe(false);
    expect(
      head('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n')?.keepAlive,
    ).toBe(true);
    // No length and not chunked: the body ends with the connection.
    expect(head('HTTP/1.1 200 OK\r\n\r\n')).toMatchObject({ contentLength: -1, keepAlive: false });
    // Both framings: chunked wins and the connection is not reused (RFC 9112 §6.3).
    expect(
      head('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n'),
    ).toMatchObject({ chunked: true, contentLength: -1, keepAlive: false });
    expect(head('HTTP/1.1 204 No Content\r\n\r\n')).toMatchObject({
      bodyless: true,
      keepAlive: true,
    });
    expect(head('HTTP/1.1 100 Continue\r\n\r\n')?.bodyless).toBe(true);
  });

  it('names the part of a head it refuses', () => {
    const refused = (text: string): string => {
      try {
        head(text);
      } catch (error) {
        expect(error).toBeInstanceOf(MalformedResponseError);
        return (error as MalformedResponseError).part;
      }
      throw new Error(`accepted ${JSON.stringify(text)}`);
    };
    expect(refused('HTTP/2 200 OK\r\n\r\n')).toBe('status line');
    expect(refused('HTTP/1.1 20 OK\r\n\r\n')).toBe('status line');
    expect(refused('ICY 200 OK\r\n\r\n')).toBe('status line');
    expect(refused('HTTP/1.1 200 OK\r\nno colon\r\n\r\n')).toBe('header');
    expect(refused('HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n')).toBe('header');
    expect(refused('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n')).toBe('content-length');
    expect(refused('HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n')).toBe(
      'content-length',
    );
    expect(refused('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n')).toBe(
      'transfer-encoding',
    );
  });
});

/** `body` in chunks of the given sizes, with optional extensions and a trailer. */
function chunkedFraming(body: Buffer, sizes: number[], decorate: boolean): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    const piece = body.subarray(at, at + size);
    at += piece.length;
    const hex = piece.length.toString(16);
    parts.push(bytes(`${decorate ? hex.toUpperCase() : hex}${decorate ? ';ext=1' : ''}\r\n`));
    parts.push(piece, bytes('\r\n'));
  }
  parts.push(bytes(decorate ? '0\r\nX-Trailer: yes\r\n\r\n' : '0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** Feeds `wire` to a decoder in reads of the given sizes, as the connection does. */
function unframe(wire: Buffer, reads: number[]): { body: Buffer; consumed: number } {
  const buffer = Buffer.alloc(wire.length);
  const decoder = new ChunkedBodyDecoder();
  let sent = 0;
  let length = 0;
  let consumed = 0;
  for (const read of reads) {
    if (decoder.done || sent >= wire.length) break;
    const piece = wire.subarray(sent, sent + read);
    piece.copy(buffer, length);
    sent += piece.length;
    consumed += decoder.feed(buffer, 0, length, length + piece.length);
    length = decoder.decoded;
  }
  expect(decoder.done).toBe(true);
  return { body: buffer.subarray(0, decoder.decoded), consumed };
}

describe('ChunkedBodyDecoder', () => {
  it('unframes in place whatever the reads and chunk sizes (fuzzed)', () => {
    const random = seededRandom(10);
    for (let round = 0; round < 300; round++) {
      const body = Buffer.alloc(Math.floor(random() * 5000));
      for (let i = 0; i < body.length; i++) body[i] = Math.floor(random() * 256);
      const sizes: number[] = [];
      for (let left = body.length; left > 0;) {
        const size = Math.min(left, 1 + Math.floor(random() * 1500));
        sizes.push(size);
        left -= size;
      }
      const wire = chunkedFraming(body, sizes, round % 2 === 1);
      const reads = Array.from({ length: wire.length }, () => 1 + Math.floor(random() * 700));
      const { body: decoded, consumed } = unframe(wire, reads);
      expect(decoded.equals(body)).toBe(true);
      expect(consumed).toBe(wire.length);
    }
  });

  it('stops at the end of the body and leaves what follows unconsumed', () => {
    const wire = Buffer.concat([chunkedFraming(bytes('hello'), [2, 3], false), bytes('HTTP/1.1')]);
    const buffer = Buffer.from(wire);
    const decoder = new ChunkedBodyDecoder();
    expect(decoder.feed(buffer, 0, 0, buffer.length)).toBe(wire.length - 'HTTP/1.1'.length);
    expect(buffer.toString('latin1', 0, decoder.decoded)).toBe('hello');
  });

  it('refuses broken framing, naming the chunked body', () => {
    for (const wire of [
      'x\r\n',
      '5\r\nhello0\r\n\r\n',
      '5\nhello\r\n',
      '5\r\nhello\r\n0\r\nX: y\rZ',
    ]) {
      const buffer = bytes(wire);
      expect(() => new ChunkedBodyDecoder().feed(buffer, 0, 0, buffer.length)).toThrow(
        /^malformed HTTP response: chunked body: /,
      );
    }
    const huge = bytes('fffffffffffff\r\n');
    expect(() => new ChunkedBodyDecoder().feed(huge, 0, 0, huge.length)).toThrow(
      'chunk size too large',
    );
  });
});
