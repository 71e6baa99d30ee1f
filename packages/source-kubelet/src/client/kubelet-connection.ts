import net from 'node:net';
import tls from 'node:tls';
import type { BodyBufferPool } from './body-buffer-pool.js';
import {
  ChunkedBodyDecoder,
  MalformedResponseError,
  parseResponseHead,
  type ResponseHead,
} from './http1-response.js';
import { ResponseTooLargeError } from './kubelet-errors.js';

/** Where to connect, and for https how (node:tls options; `servername` unless an IP). */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
  readonly tls?: tls.ConnectionOptions;
}

export interface RawResponse {
  readonly statusCode: number;
  /** A view of a pooled buffer: give it back to the pool when done. */
  readonly body: Buffer;
}

/** One request's state while its response arrives. */
interface Exchange {
  buffer: Buffer;
  /** Bytes of the response in `buffer` (after chunked unframing: head plus decoded body). */
  length: number;
  head: ResponseHead | undefined;
  chunked: ChunkedBodyDecoder | undefined;
  readonly maxBytes: number;
  readonly url: string;
  received: boolean;
  readonly resolve: (response: RawResponse) => void;
  readonly reject: (error: unknown) => void;
}

/** A request may start in a buffer this small; a response's first read lands here (below). */
const FIRST_READ_BYTES = 64 * 1024;
/**
 * Where a socket reads while no response is expected, and the first read of each response: Node
 * asks for the next read's memory right after a read, before the next request is sent, so that
 * read cannot go to the pooled buffer yet; its bytes are copied there. One for all sockets: a
 * read is delivered to its callback before any other socket reads.
 */
const between = Buffer.allocUnsafeSlow(FIRST_READ_BYTES);

/**
 * One keep-alive HTTP/1.1 connection to a kubelet, reading responses straight into buffers of
 * the body pool (net.Socket's `onread`): no chunk is allocated per read and a body is copied at
 * most once, where undici allocated every 64 KiB read and copied it twice before we did.
 */
export class KubeletConnection {
  private readonly _socket: net.Socket;
  private readonly _pool: BodyBufferPool;
  private _exchange: Exchange | undefined;
  private _connected = false;
  private _closed = false;
  private _pendingRequest: string | undefined;
  private _answered = 0;
  private _failedBeforeResponse = false;
  /** The last response's size: the next one from the same kubelet is usually as large. */
  private _lastBytes = FIRST_READ_BYTES;

  constructor(target: ConnectionTarget, pool: BodyBufferPool) {
    this._pool = pool;
    const onread = {
      buffer: (): Buffer => this._nextReadBuffer(),
      callback: (bytes: number, into: Buffer): boolean => this._onRead(bytes, into),
    };
    const onConnect = (): void => {
      this._connected = true;
      this._flush();
    };
    this._socket =
      target.tls === undefined
        ? net.connect({ host: target.host, port: target.port, onread }, onConnect)
        : tls.connect(
            {
              ...target.tls,
              host: target.host,
              port: target.port,
              ...(net.isIP(target.host) === 0 ? { servername: target.host } : {}),
              onread,
            } as tls.ConnectionOptions,
            onConnect,
          );
    this._socket.setNoDelay(true);
    this._socket.on('error', error => this._close(error));
    this._socket.on('end', () => this._close(undefined));
    this._socket.on('close', () => this._close(undefined));
  }

  /** Whether the connection can take a request now. */
  get idle(): boolean {
    return !this._closed && this._exchange === undefined;
  }

  get closed(): boolean {
    return this._closed;
  }

  /** Requests answered on this connection: a failure on a reused one may be a stale socket. */
  get answered(): number {
    return this._answered;
  }

  /** Whether the last request failed before any byte of its response arrived. */
  get failedBeforeResponse(): boolean {
    return this._failedBeforeResponse;
  }

  /** Sends `request` (a complete head) and resolves with the whole response. */
  request(request: string, url: string, maxBytes: number): Promise<RawResponse> {
    if (!this.idle) return Promise.reject(new Error('connection busy or closed'));
    return new Promise<RawResponse>((resolve, reject) => {
      this._exchange = {
        buffer: this._pool.acquire(this._lastBytes),
        length: 0,
        head: undefined,
        chunked: undefined,
        maxBytes,
        url,
        received: false,
        resolve,
        reject,
      };
      this._pendingRequest = request;
      this._flush();
    });
  }

  /** Tears the connection down; a request in flight fails with `reason`. */
  destroy(reason?: Error): void {
    this._close(reason ?? new Error('connection closed'));
    this._socket.destroy();
  }

  private _flush(): void {
    if (!this._connected || this._pendingRequest === undefined) return;
    this._socket.write(this._pendingRequest, 'latin1');
    this._pendingRequest = undefined;
  }

  private _nextReadBuffer(): Buffer {
    const exchange = this._exchange;
    if (exchange === undefined || exchange.length === 0) return between;
    if (exchange.length === exchange.buffer.length) this._grow(exchange, exchange.length * 2);
    return exchange.buffer.subarray(exchange.length);
  }

  private _onRead(bytes: number, into: Buffer): boolean {
    const exchange = this._exchange;
    if (exchange === undefined) {
      // Nothing was asked: a server that talks out of turn is not reused.
      this.destroy(new MalformedResponseError('connection', 'data without a request'));
      return false;
    }
    try {
      exchange.received = true;
      const at = exchange.length;
      if (
        into.buffer !== exchange.buffer.buffer ||
        into.byteOffset !== exchange.buffer.byteOffset + at
      ) {
        if (at + bytes > exchange.buffer.length) this._grow(exchange, at + bytes);
        into.copy(exchange.buffer, at, 0, bytes);
      }
      exchange.length = at + bytes;
      this._progress(exchange, at);
    } catch (error) {
      this.destroy(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
    return true;
  }

  /** Parses what arrived from `from` on; completes the exchange when the body is whole. */
  private _progress(exchange: Exchange, from: number): void {
    let head = exchange.head;
    if (head === undefined) {
      head = parseResponseHead(exchange.buffer, exchange.length);
      if (head === undefined) return;
      exchange.head = head;
      if (head.statusCode < 200) {
        // An interim answer (100 Continue): dropped, the real one follows.
        exchange.buffer.copyWithin(0, head.headBytes, exchange.length);
        exchange.length -= head.headBytes;
        exchange.head = undefined;
        this._progress(exchange, 0);
        return;
      }
      if (head.contentLength > exchange.maxBytes)
        throw new ResponseTooLargeError(exchange.url, exchange.maxBytes);
      if (head.contentLength >= 0 && head.headBytes + head.contentLength > exchange.buffer.length)
        this._grow(exchange, head.headBytes + head.contentLength);
      if (head.chunked) exchange.chunked = new ChunkedBodyDecoder();
      from = head.headBytes;
    }
    const bodyStart = head.headBytes;
    if (head.bodyless) return this._complete(exchange, 0, exchange.length > bodyStart);
    const chunked = exchange.chunked;
    if (chunked !== undefined) {
      const consumed = chunked.feed(exchange.buffer, bodyStart, from, exchange.length);
      const extra = from + consumed < exchange.length;
      exchange.length = bodyStart + chunked.decoded;
      if (chunked.decoded > exchange.maxBytes)
        throw new ResponseTooLargeError(exchange.url, exchange.maxBytes);
      if (chunked.done) this._complete(exchange, chunked.decoded, extra);
      return;
    }
    const received = exchange.length - bodyStart;
    if (head.contentLength < 0) {
      // Until the connection closes (_close completes it).
      if (received > exchange.maxBytes)
        throw new ResponseTooLargeError(exchange.url, exchange.maxBytes);
      return;
    }
    if (received >= head.contentLength) {
      this._complete(exchange, head.contentLength, received > head.contentLength);
    }
  }

  private _complete(exchange: Exchange, bodyLength: number, extra: boolean): void {
    const head = exchange.head as ResponseHead;
    this._exchange = undefined;
    this._answered++;
    this._lastBytes = Math.max(FIRST_READ_BYTES, head.headBytes + bodyLength);
    exchange.resolve({
      statusCode: head.statusCode,
      body: exchange.buffer.subarray(head.headBytes, head.headBytes + bodyLength),
    });
    // More bytes than the response: the stream is out of step, so it is not reused.
    if (!head.keepAlive || extra) this.destroy();
  }

  private _grow(exchange: Exchange, bytes: number): void {
    const grown = this._pool.acquire(bytes);
    exchange.buffer.copy(grown, 0, 0, exchange.length);
    this._pool.release(exchange.buffer);
    exchange.buffer = grown;
  }

  private _close(error: Error | undefined): void {
    if (this._closed) return;
    this._closed = true;
    const exchange = this._exchange;
    if (exchange === undefined) return;
    this._exchange = undefined;
    const head = exchange.head;
    if (error === undefined && head !== undefined && !head.chunked && head.contentLength < 0) {
      // A body delimited by the end of the connection is whole now.
      exchange.resolve({
        statusCode: head.statusCode,
        body: exchange.buffer.subarray(head.headBytes, exchange.length),
      });
      return;
    }
    this._pool.release(exchange.buffer);
    this._failedBeforeResponse = !exchange.received;
    exchange.reject(error ?? socketHangUp(exchange.received));
  }
}

/** undici's and Node's name for a connection that closed before the response was whole. */
function socketHangUp(received: boolean): Error {
  const error = new Error(
    received ? 'other side closed mid-response' : 'socket hang up',
  ) as Error & {
    code: string;
  };
  error.code = 'ECONNRESET';
  return error;
}
