import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from '../status.js';

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON request body, bounded in size and time. */
export function readJsonBody(req: IncomingMessage, timeoutMs = 10_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      req.destroy();
      reject(new ApiError(408, 'request body was not received in time', undefined, 'Timeout'));
    }, timeoutMs);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        clearTimeout(timer);
        req.destroy();
        reject(
          new ApiError(
            413,
            'request entity too large: limit is 1048576',
            undefined,
            'RequestEntityTooLarge',
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(badRequest(`the request body is not valid JSON: ${(error as Error).message}`));
      }
    });
    req.on('error', error => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
