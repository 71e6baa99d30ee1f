import type { FastifyReply } from 'fastify';
import { TimeoutError } from '@heapster/runtime';

export interface RequestDeadline {
  readonly signal: AbortSignal;
  /** Stops the timer and the client watch; call when the answer is sent. */
  done(): void;
}

/**
 * The signal a backend query runs under: aborted with a TimeoutError after `timeoutMs`, or when
 * the client goes away before the answer was written (no point finishing its query).
 */
export function requestDeadline(reply: FastifyReply, timeoutMs: number): RequestDeadline {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new TimeoutError('historical query', timeoutMs)),
    timeoutMs,
  );
  timer.unref();
  const onClose = (): void => {
    if (!reply.raw.writableEnded) controller.abort(new Error('the client closed the connection'));
  };
  reply.raw.once('close', onClose);
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      reply.raw.removeListener('close', onClose);
    },
  };
}
