import type { KubeEvent } from '@heapster/model';
import { RetryableError } from '@heapster/runtime';
import { OptionReader, type EventSink, type SinkFactory } from '@heapster/sink';

/** What a `memory:<name>` sink received: every write, and the set of (uid, rv) it holds. */
export interface MemoryStore {
  readonly writes: (readonly KubeEvent[])[];
  readonly versions: Map<string, KubeEvent>;
}

interface MemoryConfig {
  readonly name: string;
  readonly failWrites: number;
}

class MemoryEventSink implements EventSink {
  readonly name: string;
  private _failures: number;

  constructor(
    config: MemoryConfig,
    private readonly _store: MemoryStore,
  ) {
    this.name = `memory(${config.name})`;
    this._failures = config.failWrites;
  }

  async start(): Promise<void> {}
  async flush(): Promise<void> {}
  async shutdown(): Promise<void> {}

  async write(events: readonly KubeEvent[]): Promise<void> {
    if (this._failures > 0) {
      this._failures -= 1;
      throw new RetryableError('memory sink: scripted failure');
    }
    this._store.writes.push(events);
    for (const event of events)
      this._store.versions.set(`${event.metadata.uid}/${event.metadata.resourceVersion}`, event);
  }
}

/** A `memory:<name>[?fail_writes=N]` event sink factory whose stores the test can read. */
export function memorySinkFactory(): {
  factory: SinkFactory;
  store: (name: string) => MemoryStore;
} {
  const stores = new Map<string, MemoryStore>();
  const store = (name: string): MemoryStore => {
    let found = stores.get(name);
    if (found === undefined) {
      found = { writes: [], versions: new Map() };
      stores.set(name, found);
    }
    return found;
  };
  const factory = {
    type: 'memory',
    signals: { events: 'alpha' },
    parseConfig: uri => {
      const options = new OptionReader(uri);
      const failWrites = options.integer('fail_writes', 0, { min: 0 });
      options.done();
      return { name: uri.target, failWrites };
    },
    createEventSink: config => new MemoryEventSink(config, store(config.name)),
  } satisfies SinkFactory<MemoryConfig>;
  return { factory: factory as SinkFactory, store };
}
