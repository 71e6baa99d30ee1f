import {
  watchEvents,
  type EventWatch,
  type EventWatchStats,
  type KubeApiClient,
} from '@heapster/kube';
import type { KubeEvent } from '@heapster/model';
import type { Logger } from '@heapster/runtime';

/** Where the source delivers: the EventSinkManager's intake (narrowed for tests). */
export interface EventConsumer {
  offer(event: KubeEvent): void | Promise<void>;
  mark(resourceVersion: string): void;
}

/** Source-side counts for self-metrics and readiness. */
export interface EventSourceStats extends EventWatchStats {
  /** Lists made after a 410 (the first list is not counted). */
  relists: number;
  /** When the source last heard from the API server (event, list page or bookmark), epoch ms. */
  lastActivity: number | undefined;
}

export interface EventSourceOptions {
  readonly client: KubeApiClient;
  readonly consumer: EventConsumer;
  /** Watch from here (a checkpoint) instead of listing first. */
  readonly resumeFrom: string | undefined;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * The eventer's source: list (every event is exported, not only new ones as in Heapster), then
 * watch from the list's resourceVersion; or, with a checkpoint, watch from it directly so that
 * every version since (count bumps included) arrives. A dropped stream resumes inside
 * watchEvents; a 410 relists, and sinks skip what their checkpoint already covers. ADDED and
 * MODIFIED are offered; DELETED is not, but its resourceVersion still marks progress.
 */
export class EventSource {
  private readonly _options: EventSourceOptions;
  private readonly _now: () => number;
  private _watch: EventWatch | undefined;
  private _stopped = false;
  private _synced = false;
  private _done: Promise<void> | undefined;
  private _failure: unknown;
  private readonly _totals: EventSourceStats = {
    listed: 0,
    added: 0,
    modified: 0,
    deleted: 0,
    bookmarks: 0,
    watches: 0,
    errors: 0,
    decodeErrors: 0,
    relists: 0,
    lastActivity: undefined,
  };

  constructor(options: EventSourceOptions) {
    this._options = options;
    this._now = options.now ?? Date.now;
  }

  /** The initial list is done, or the watch from the checkpoint delivered its first message. */
  get synced(): boolean {
    return this._synced;
  }

  /** Cumulative counts over every list and watch so far. */
  stats(): EventSourceStats {
    const current = this._watch?.stats;
    if (current === undefined) return { ...this._totals };
    const sum = { ...this._totals };
    for (const key of Object.keys(current) as (keyof EventWatchStats)[]) sum[key] += current[key];
    return sum;
  }

  /** Set when the source loop died (a bug, never an API failure: those are retried). */
  get failure(): unknown {
    return this._failure;
  }

  start(): void {
    this._done ??= this._run().catch((error: unknown) => {
      this._failure = error ?? new Error('event source failed');
      this._options.logger.error('event source stopped unexpectedly', { error: String(error) });
    });
  }

  /** Stops reading; resolves once the watch is closed. */
  async stop(): Promise<void> {
    this._stopped = true;
    await this._watch?.stop();
    await this._done;
  }

  private async _run(): Promise<void> {
    let from = this._options.resumeFrom;
    const { logger, consumer } = this._options;
    while (!this._stopped) {
      logger.info(from === undefined ? 'listing events' : 'watching events from the checkpoint', {
        resourceVersion: from,
      });
      const seen = (): void => {
        this._totals.lastActivity = this._now();
        if (from !== undefined) this._synced = true;
      };
      const watch = watchEvents({
        client: this._options.client,
        ...(from === undefined ? {} : { fromResourceVersion: from }),
        logger,
        onEvent: (type, event, listed) => {
          this._totals.lastActivity = this._now();
          if (!listed) seen();
          const version = event.metadata.resourceVersion;
          if (type === 'DELETED') {
            consumer.mark(version);
            return;
          }
          const offered = consumer.offer(event);
          if (listed) return offered;
          if (offered === undefined) {
            consumer.mark(version);
            return;
          }
          return offered.then(() => consumer.mark(version));
        },
        onListed: (resourceVersion, count) => {
          consumer.mark(resourceVersion);
          this._totals.lastActivity = this._now();
          this._synced = true;
          logger.info('events listed; watching', { resourceVersion, count });
        },
        onBookmark: resourceVersion => {
          seen();
          consumer.mark(resourceVersion);
        },
        onExpired: () => undefined,
      });
      this._watch = watch;
      if (this._stopped) await watch.stop();
      const outcome = await watch.done;
      for (const key of Object.keys(watch.stats) as (keyof EventWatchStats)[])
        this._totals[key] += watch.stats[key];
      this._watch = undefined;
      if (outcome === 'stopped') return;
      this._totals.relists += 1;
      logger.warn('event history expired (410): relisting; sinks skip what they already hold', {
        resourceVersion: watch.resourceVersion,
      });
      from = undefined;
    }
  }
}
