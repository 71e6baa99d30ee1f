import type { ServerResponse } from 'node:http';

const HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' };
const BATCH_BYTES = 256 * 1024;

export function writeJson(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, { ...HEADERS, 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/**
 * Writes `head`, the items joined by commas, then `tail`, serialising lazily in ~256 KiB
 * batches and waiting for the socket to drain between them, so a list of 100,000 pods is never
 * one giant string in memory.
 */
export async function streamJsonList(
  res: ServerResponse,
  head: string,
  count: number,
  item: (index: number) => string,
  tail: string,
): Promise<void> {
  if (count <= 64) {
    const parts: string[] = [];
    for (let i = 0; i < count; i += 1) parts.push(item(i));
    writeJson(res, 200, `${head}${parts.join(',')}${tail}`);
    return;
  }
  res.writeHead(200, HEADERS);
  let batch = head;
  for (let i = 0; i < count; i += 1) {
    batch += (i === 0 ? '' : ',') + item(i);
    if (batch.length >= BATCH_BYTES) {
      if (!(await writeAndDrain(res, batch))) return;
      batch = '';
    }
  }
  res.end(batch + tail);
}

function writeAndDrain(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise(resolve => {
    const done = (ok: boolean): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = (): void => done(true);
    const onClose = (): void => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
