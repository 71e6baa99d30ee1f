import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ApiRequestSettings } from './native-credentials.js';

export interface ApiExchange {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly settings: ApiRequestSettings;
  readonly body?: string;
  /** Aborting destroys the request and its response stream. */
  readonly signal: AbortSignal;
}

/**
 * Sends one request over node:http(s) and resolves with the response head; the body is the
 * caller's to read (or to stream, for a watch). Asks for gzip, as client-go does: the API
 * server compresses large list answers (never watch streams); `responseBody` undoes it.
 */
export function openApiExchange(exchange: ApiExchange): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (exchange.signal.aborted) {
      reject(exchange.signal.reason);
      return;
    }
    const { url, settings } = exchange;
    const transport = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Encoding': 'gzip',
      'User-Agent': 'heapster-ts',
      ...settings.headers,
    };
    if (exchange.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(exchange.body));
    }
    const request = transport.request(url, {
      method: exchange.method,
      headers,
      agent: settings.agent,
      signal: exchange.signal,
      ...(settings.auth === undefined ? {} : { auth: settings.auth }),
    });
    request.once('response', resolve);
    // Kept for the request's life: an abort after the head arrived must not be unhandled.
    request.on('error', reject);
    request.end(exchange.body);
  });
}

/** The response body as a stream of bytes, gunzipped when the server compressed it. */
export function responseBody(response: IncomingMessage): Readable {
  if (response.headers['content-encoding'] !== 'gzip') return response;
  const gunzip = createGunzip();
  response.once('error', error => gunzip.destroy(error));
  return response.pipe(gunzip);
}

/** Reads a whole answer as text (list pages are bounded by their limit). */
export async function readResponseText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of responseBody(response)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
