import { describe, expect, it } from '@jest/globals';
import { DataBatch } from '@heapster/model';
import { batchStream } from './batch-stream.js';

const closed = (stream: NodeJS.ReadableStream): Promise<void> =>
  new Promise(resolve => stream.once('close', () => resolve()));

describe('batchStream', () => {
  it('should keep the batch pinned until the body has been read to the end', async () => {
    const batch = new DataBatch({ timestamp: 0 });
    const body = batchStream(batch, ['a', 'b', 'c']);
    expect(batch.pinned).toBe(true);
    const chunks: string[] = [];
    for await (const chunk of body) chunks.push(String(chunk));
    await new Promise(resolve => setImmediate(resolve));
    expect(chunks.join('')).toBe('abc');
    expect(batch.pinned).toBe(false);
  });

  it('should release the batch when the client goes away before the end', async () => {
    const batch = new DataBatch({ timestamp: 0 });
    const body = batchStream(batch, ['a', 'b']);
    const done = closed(body);
    body.destroy();
    await done;
    expect(batch.pinned).toBe(false);
  });
});
