import type { KubeEvent } from '@heapster/model';
import type { EventSink, SinkCallOptions } from '../sink.js';

type Outcome = 'ok' | 'hold' | Error;

interface HeldWrite {
  readonly events: readonly KubeEvent[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * An event sink whose answers the test scripts: each write takes the next outcome (ok, an
 * error, or 'hold' until the test releases it); without a script every write succeeds.
 */
export class ScriptedEventSink implements EventSink {
  readonly writes: (readonly KubeEvent[])[] = [];
  readonly stored = new Map<string, KubeEvent>();
  readonly held: HeldWrite[] = [];
  readonly outcomes: Outcome[] = [];
  shutdowns = 0;
  lastStoredResourceVersion?: (options: SinkCallOptions) => Promise<string | undefined>;

  constructor(readonly name: string) {}

  /** Makes the sink answer "what did you store" with `rv`. */
  reportsStored(rv: string | undefined): this {
    this.lastStoredResourceVersion = async () => rv;
    return this;
  }

  async start(): Promise<void> {}
  async flush(): Promise<void> {}
  async shutdown(): Promise<void> {
    this.shutdowns++;
  }

  write(events: readonly KubeEvent[], options: SinkCallOptions): Promise<void> {
    this.writes.push(events);
    const outcome = this.outcomes.shift() ?? 'ok';
    if (outcome === 'ok') {
      this._store(events);
      return Promise.resolve();
    }
    if (outcome instanceof Error) return Promise.reject(outcome);
    return new Promise<void>((resolve, reject) => {
      options.signal.addEventListener('abort', () => reject(options.signal.reason), { once: true });
      this.held.push({
        events,
        resolve: () => {
          this._store(events);
          resolve();
        },
        reject,
      });
    });
  }

  /** Lets the oldest held write succeed. */
  release(): void {
    this.held.shift()?.resolve();
  }

  private _store(events: readonly KubeEvent[]): void {
    for (const event of events)
      this.stored.set(`${event.metadata.uid}/${event.metadata.resourceVersion}`, event);
  }
}

/** A minimal core/v1 Event at resourceVersion `rv`. */
export function testEvent(
  rv: number,
  overrides: {
    uid?: string;
    namespace?: string;
    kind?: string;
    type?: string;
    reason?: string;
  } = {},
): KubeEvent {
  const namespace = overrides.namespace ?? 'default';
  return Object.freeze({
    metadata: {
      name: `e${rv}`,
      namespace,
      uid: overrides.uid ?? `uid-${rv}`,
      resourceVersion: String(rv),
    },
    involvedObject: { kind: overrides.kind ?? 'Pod', namespace, name: 'p' },
    type: overrides.type ?? 'Normal',
    reason: overrides.reason ?? 'Pulled',
    message: 'm',
    count: 1,
  });
}
