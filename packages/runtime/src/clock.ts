/** Time as milliseconds since the epoch; injected so that loops and rates can be tested exactly. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private _now: number;

  constructor(start = 0) {
    this._now = start;
  }

  now(): number {
    return this._now;
  }

  set(ms: number): void {
    this._now = ms;
  }

  advance(ms: number): void {
    this._now += ms;
  }
}
