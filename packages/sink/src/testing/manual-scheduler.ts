import type { ManualClock } from '@heapster/runtime';
import type { TaskScheduler } from '../task-scheduler.js';

interface Pending {
  readonly due: number;
  readonly order: number;
  readonly task: () => void;
}

/** A TaskScheduler driven by a ManualClock: `advance(ms)` runs every task that falls due, in order. */
export class ManualScheduler implements TaskScheduler {
  private readonly _clock: ManualClock;
  private _pending: Pending[] = [];
  private _order = 0;

  constructor(clock: ManualClock) {
    this._clock = clock;
  }

  /** Delays of the tasks still pending, relative to now. */
  get delays(): number[] {
    return this._pending.map(p => p.due - this._clock.now());
  }

  schedule(delayMs: number, task: () => void): () => void {
    const entry = { due: this._clock.now() + Math.max(0, delayMs), order: this._order++, task };
    this._pending.push(entry);
    return () => {
      this._pending = this._pending.filter(p => p !== entry);
    };
  }

  /** Moves the clock forward, running due tasks (and letting their promises settle) on the way. */
  async advance(ms: number): Promise<void> {
    const end = this._clock.now() + ms;
    for (;;) {
      await settle();
      const next = [...this._pending].sort((a, b) => a.due - b.due || a.order - b.order)[0];
      if (next === undefined || next.due > end) break;
      this._pending = this._pending.filter(p => p !== next);
      this._clock.set(Math.max(this._clock.now(), next.due));
      next.task();
    }
    this._clock.set(end);
    await settle();
  }
}

/** Lets queued promise callbacks run (several turns: writes chain a few awaits). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>(resolve => setImmediate(resolve));
}
