import { describe, expect, it } from '@jest/globals';
import { GrpcCode } from './grpc-codes.js';
import { sendWithRetries, type RetriedRequest, type RetryPolicy } from './request-sender.js';

const POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 2,
  requestTimeoutMs: 500,
  random: () => 0,
};

const grpcError = (code: number, extra: object = {}): Error =>
  Object.assign(new Error(`${code} STATUS: failure`), { code, ...extra });

/** A request whose attempts answer from `answers` in turn (undefined: success). */
function scripted(
  answers: (Error | undefined)[],
  overrides: Partial<RetriedRequest> = {},
): RetriedRequest & { timeouts: number[] } {
  const timeouts: number[] = [];
  return {
    items: 10,
    timeouts,
    send: async timeoutMs => {
      timeouts.push(timeoutMs);
      const answer = answers.shift();
      if (answer !== undefined) throw answer;
    },
    retriedInCall: code => code === GrpcCode.Unavailable,
    writtenDespite: () => undefined,
    ...overrides,
  };
}

const open = (): AbortSignal => new AbortController().signal;

describe('sendWithRetries', () => {
  it('sends once and reports every item written', async () => {
    const request = scripted([]);
    await expect(sendWithRetries(request, POLICY, open())).resolves.toEqual({
      written: 10,
      failed: 0,
      code: GrpcCode.Ok,
    });
    expect(request.timeouts).toEqual([500]);
  });

  it('sends again after the codes the request retries, each attempt with a fresh timeout', async () => {
    const request = scripted([grpcError(14), grpcError(14)]);
    const outcome = await sendWithRetries(request, POLICY, open());
    expect(outcome).toEqual({ written: 10, failed: 0, code: GrpcCode.Ok });
    expect(request.timeouts).toEqual([500, 500, 500]);
  });

  it('gives up after maxAttempts, or at once on a code it does not retry', async () => {
    const unavailable = grpcError(14);
    const exhausted = scripted([grpcError(14), grpcError(14), unavailable]);
    await expect(sendWithRetries(exhausted, POLICY, open())).resolves.toEqual({
      written: 0,
      failed: 10,
      code: 14,
      error: unavailable,
    });
    const refused = scripted([grpcError(3), undefined]);
    expect((await sendWithRetries(refused, POLICY, open())).code).toBe(3);
    expect(refused.timeouts).toHaveLength(1);
  });

  it('takes a partial failure as final, counting what the error says was written', async () => {
    const partial = grpcError(3, { written: 7 });
    const request = scripted([partial, undefined], {
      retriedInCall: () => true,
      writtenDespite: error => (error as { written?: number }).written,
    });
    await expect(sendWithRetries(request, POLICY, open())).resolves.toEqual({
      written: 7,
      failed: 3,
      code: 3,
      error: partial,
    });
    expect(request.timeouts).toHaveLength(1);
    const overcounted = scripted([grpcError(3)], { writtenDespite: () => 99 });
    expect(await sendWithRetries(overcounted, POLICY, open())).toMatchObject({
      written: 10,
      failed: 0,
    });
  });

  it('observes every attempt with its code and latency', async () => {
    let now = 1000;
    const seen: [number, number][] = [];
    const request = scripted([grpcError(14)], {
      send: async () => {
        now += 25;
        if (seen.length === 0) throw grpcError(14);
      },
    });
    await sendWithRetries(request, POLICY, open(), {
      observe: (code, latencyMs) => seen.push([code, latencyMs]),
      now: () => now,
    });
    expect(seen).toEqual([
      [14, 25],
      [0, 25],
    ]);
  });

  it('throws the abort reason, also while a call hangs', async () => {
    const controller = new AbortController();
    const hanging = scripted([], {
      send: () => {
        controller.abort(new Error('deadline'));
        return new Promise<void>(() => undefined);
      },
    });
    await expect(sendWithRetries(hanging, POLICY, controller.signal)).rejects.toThrow('deadline');
    let sent = false;
    const late = scripted([], {
      send: async () => {
        sent = true;
      },
    });
    await expect(sendWithRetries(late, POLICY, controller.signal)).rejects.toThrow('deadline');
    expect(sent).toBe(false);
  });
});
