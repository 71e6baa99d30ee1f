/**
 * Runs a task after a delay; returns a function that cancels it. Injected into loops that wait
 * (batch ticks, retry backoff) so that tests move time by hand instead of sleeping.
 */
export interface TaskScheduler {
  schedule(delayMs: number, task: () => void): () => void;
}

/** Real timers, unref()'d: a pending tick or retry never keeps the process alive on its own. */
export const timerScheduler: TaskScheduler = {
  schedule(delayMs, task) {
    const timer = setTimeout(task, Math.max(0, delayMs));
    timer.unref();
    return () => clearTimeout(timer);
  },
};
