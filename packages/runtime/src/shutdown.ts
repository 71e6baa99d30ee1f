import type { Logger } from './logger.js';

/**
 * Calls `shutdown` once on the first SIGTERM or SIGINT; a second signal, or the deadline
 * passing, exits at once with code 1. Returns a function that removes the handlers.
 */
export function handleShutdownSignals(
  shutdown: (signal: string) => Promise<void>,
  options: { logger: Logger; deadlineMs: number; exit?: (code: number) => void },
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (started) {
      options.logger.warn('second signal: exiting now', { signal });
      exit(1);
      return;
    }
    started = true;
    options.logger.info('shutting down', { signal, deadlineMs: options.deadlineMs });
    const timer = setTimeout(() => {
      options.logger.error('shutdown deadline passed: exiting', { deadlineMs: options.deadlineMs });
      exit(1);
    }, options.deadlineMs);
    timer.unref();
    shutdown(signal).then(
      () => {
        clearTimeout(timer);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        options.logger.error('shutdown failed', { error: String(error) });
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
