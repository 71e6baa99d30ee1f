/**
 * The response side of HTTP/1.1 as a kubelet speaks it, as pure functions over bytes: the head
 * (status line and headers) and the two body framings a Go server uses — `Content-Length`, and
 * `Transfer-Encoding: chunked` when a handler writes more than its buffer before finishing (a
 * kubelet's Summary always is). The transport reads straight into pooled buffers; these say
 * where the body is, and unframe chunked bodies in place.
 */

/** A response the client cannot read: the message names the part of the response. */
export class MalformedResponseError extends Error {
  readonly code = 'HPE_MALFORMED_RESPONSE';

  constructor(
    readonly part: string,
    message: string,
  ) {
    super(`malformed HTTP response: ${part}: ${message}`);
    this.name = 'MalformedResponseError';
  }
}

export interface ResponseHead {
  readonly statusCode: number;
  /** Bytes of the head, blank line included: the body starts here. */
  readonly headBytes: number;
  /** The declared length, or -1 when there is none (chunked, or until the connection closes). */
  readonly contentLength: number;
  readonly chunked: boolean;
  /** Whether the connection may carry the next request. */
  readonly keepAlive: boolean;
  /** 1xx, 204 and 304 answers have no body, whatever their headers say. */
  readonly bodyless: boolean;
}

/** Larger heads are refused (a kubelet's is ~150 bytes; Go's server allows 1 MiB). */
export const MAX_HEAD_BYTES = 64 * 1024;

const CRLF_CRLF = Buffer.from('\r\n\r\n', 'latin1');
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: [^\r\n]*)?$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DIGITS = /^\d{1,15}$/;

/**
 * The head at the start of `bytes[0, length)`, or undefined while its blank line has not
 * arrived. Throws MalformedResponseError for anything a strict HTTP/1.1 parser refuses.
 */
export function parseResponseHead(bytes: Buffer, length: number): ResponseHead | undefined {
  const end = bytes.subarray(0, length).indexOf(CRLF_CRLF);
  if (end < 0) {
    if (length > MAX_HEAD_BYTES) throw new MalformedResponseError('head', 'larger than 64 KiB');
    return undefined;
  }
  const lines = bytes.toString('latin1', 0, end).split('\r\n');
  const status = STATUS_LINE.exec(lines[0] ?? '');
  if (status === null) {
    throw new MalformedResponseError('status line', JSON.stringify((lines[0] ?? '').slice(0, 80)));
  }
  const minor = status[1];
  const statusCode = Number(status[2]);
  let contentLength = -1;
  let chunked = false;
  let keepAlive = minor === '1';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) {
      throw new MalformedResponseError('header', JSON.stringify(line.slice(0, 80)));
    }
    const value = line.slice(colon + 1).trim();
    switch (name.toLowerCase()) {
      case 'content-length': {
        if (!DIGITS.test(value) || (contentLength >= 0 && Number(value) !== contentLength)) {
          throw new MalformedResponseError('content-length', JSON.stringify(value));
        }
        contentLength = Number(value);
        break;
      }
      case 'transfer-encoding': {
        const codings = value
          .toLowerCase()
          .split(',')
          .map(coding => coding.trim());
        // We ask for no content coding; chunked must be the last (RFC 9112 §6.1).
        if (codings.some(coding => coding !== 'chunked') || codings.length !== 1) {
          throw new MalformedResponseError(
            'transfer-encoding',
            `${JSON.stringify(value)} is not supported`,
          );
        }
        chunked = true;
        break;
      }
      case 'connection': {
        const options = value.toLowerCase();
        if (options.includes('close')) keepAlive = false;
        else if (options.includes('keep-alive')) keepAlive = true;
        break;
      }
      default:
    }
  }
  // Chunked framing overrides a length (RFC 9112 §6.3), and such a message must not be reused.
  if (chunked && contentLength >= 0) {
    contentLength = -1;
    keepAlive = false;
  }
  const bodyless = statusCode < 200 || statusCode === 204 || statusCode === 304;
  // A body delimited by the connection's end leaves nothing to reuse.
  if (!bodyless && !chunked && contentLength < 0) keepAlive = false;
  return { statusCode, headBytes: end + 4, contentLength, chunked, keepAlive, bodyless };
}

const enum ChunkState {
  Size,
  Extension,
  SizeLf,
  Data,
  DataCr,
  DataLf,
  Trailer,
  TrailerLf,
  Done,
}

/** Chunk sizes beyond this are refused (the caller's body limit is smaller anyway). */
const MAX_CHUNK_SIZE = 2 ** 40;

/**
 * Unframes a chunked body in place: the data of every chunk is moved down to follow the data
 * before it, so the body ends up contiguous at the start of its region. Fed each read as it
 * lands; keeps its state between reads.
 */
export class ChunkedBodyDecoder {
  private _state = ChunkState.Size;
  private _size = 0;
  private _sizeDigits = 0;
  private _remaining = 0;
  private _trailerLineBytes = 0;
  /** Data bytes written so far, from the region's start. */
  decoded = 0;

  get done(): boolean {
    return this._state === ChunkState.Done;
  }

  /**
   * Reads framing and data in `bytes[from, to)`; data goes to `bytes[bodyStart + decoded…]`,
   * which never overtakes `from`. Answers how many bytes were consumed (fewer than given only
   * at the end of the body: what follows is not part of it).
   */
  feed(bytes: Buffer, bodyStart: number, from: number, to: number): number {
    let p = from;
    while (p < to && this._state !== ChunkState.Done) {
      if (this._state === ChunkState.Data) {
        const take = Math.min(this._remaining, to - p);
        const at = bodyStart + this.decoded;
        if (at !== p) bytes.copyWithin(at, p, p + take);
        this.decoded += take;
        this._remaining -= take;
        p += take;
        if (this._remaining === 0) this._state = ChunkState.DataCr;
        continue;
      }
      this._framing(bytes[p] as number);
      p++;
    }
    return p - from;
  }

  private _framing(c: number): void {
    switch (this._state) {
      case ChunkState.Size: {
        const digit = hexValue(c);
        if (digit >= 0) {
          this._size = this._size * 16 + digit;
          if (++this._sizeDigits > 10 || this._size > MAX_CHUNK_SIZE) fail('chunk size too large');
        } else if (this._sizeDigits === 0) fail('chunk size expected');
        else if (c === 0x3b || c === 0x20 || c === 0x09) this._state = ChunkState.Extension;
        else if (c === 0x0d) this._state = ChunkState.SizeLf;
        else fail('chunk size expected');
        return;
      }
      case ChunkState.Extension:
        if (c === 0x0d) this._state = ChunkState.SizeLf;
        else if (c === 0x0a) fail('bare LF after chunk size');
        return;
      case ChunkState.SizeLf:
        if (c !== 0x0a) fail('LF expected after chunk size');
        if (this._size === 0) {
          this._state = ChunkState.Trailer;
          this._trailerLineBytes = 0;
        } else {
          this._remaining = this._size;
          this._state = ChunkState.Data;
        }
        this._size = 0;
        this._sizeDigits = 0;
        return;
      case ChunkState.DataCr:
        if (c !== 0x0d) fail('CRLF expected after chunk data');
        this._state = ChunkState.DataLf;
        return;
      case ChunkState.DataLf:
        if (c !== 0x0a) fail('CRLF expected after chunk data');
        this._state = ChunkState.Size;
        return;
      case ChunkState.Trailer:
        // Trailer fields are skipped; an empty line ends the message.
        if (c === 0x0d) this._state = ChunkState.TrailerLf;
        else if (++this._trailerLineBytes > MAX_HEAD_BYTES) fail('trailer too large');
        return;
      case ChunkState.TrailerLf:
        if (c !== 0x0a) fail('LF expected in trailer');
        if (this._trailerLineBytes === 0) this._state = ChunkState.Done;
        else {
          this._state = ChunkState.Trailer;
          this._trailerLineBytes = 0;
        }
        return;
      default:
    }
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function fail(message: string): never {
  throw new MalformedResponseError('chunked body', message);
}
