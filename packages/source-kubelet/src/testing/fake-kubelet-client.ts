import type { KubeletAddress, KubeletClient, KubeletEndpoint } from '../client/kubelet-client.js';

/** How the fake kubelet of one node answers. */
export type FakeAnswer =
  | { readonly body: string }
  | { readonly error: Error }
  /** Never answers; only the request's signal ends it. */
  | { readonly hang: true };

/**
 * A KubeletClient that answers from a table, records the order of requests and the peak number
 * in flight, and honours the abort signal like the real one (rejecting with its reason).
 */
export class FakeKubeletClient implements KubeletClient {
  readonly requests: string[] = [];
  /** Bodies given back through recycle, in order. */
  readonly recycled: (string | Uint8Array)[] = [];
  inFlight = 0;
  peakInFlight = 0;
  private readonly _answers: (node: string, endpoint: KubeletEndpoint) => FakeAnswer;

  constructor(answers: (node: string, endpoint: KubeletEndpoint) => FakeAnswer) {
    this._answers = answers;
  }

  async get(
    target: KubeletAddress,
    endpoint: KubeletEndpoint,
    signal: AbortSignal,
  ): Promise<string> {
    this.requests.push(target.nodeName);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      const answer = this._answers(target.nodeName, endpoint);
      // A turn of the event loop, so that concurrent requests overlap as real ones do.
      await new Promise(resolve => setImmediate(resolve));
      if ('body' in answer) return answer.body;
      if ('error' in answer) throw answer.error;
      return await new Promise<string>((_, reject) => {
        if (signal.aborted) reject(signal.reason as Error);
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      });
    } finally {
      this.inFlight--;
    }
  }

  recycle(body: string | Uint8Array): void {
    this.recycled.push(body);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
