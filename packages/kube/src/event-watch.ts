import type { KubeEvent } from '@heapster/model';
import { noopLogger, type Logger } from '@heapster/runtime';
import { statusError, type KubeApiClient } from './api-client.js';
import { listPages } from './list-pages.js';
import { resourceVersionOf } from './object-meta.js';
import { toKubeEvent } from './event-record.js';
import {
  DEFAULT_BACKOFF,
  describe,
  runWatchLoop,
  watchTimeoutSeconds,
  type BackoffOptions,
  type CycleOutcome,
} from './watch-loop.js';

export type EventChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEventsOptions {
  readonly client: KubeApiClient;
  /**
   * Watch from here (a checkpoint) without listing. Without it, all events are listed first
   * (every one handed to onEvent as ADDED with `listed` true), then watched from the list's
   * resourceVersion.
   */
  readonly fromResourceVersion?: string;
  /** Every event, in server order. A returned promise is awaited before the next one is read (backpressure). */
  onEvent(type: EventChangeType, event: KubeEvent, listed: boolean): void | Promise<void>;
  /** The initial list is complete; `resourceVersion` is where the watch starts. */
  onListed?(resourceVersion: string, count: number): void | Promise<void>;
  /** The server's periodic progress mark: everything up to `resourceVersion` has been delivered. */
  onBookmark?(resourceVersion: string): void | Promise<void>;
  /** 410 Expired: history before our resourceVersion is gone. The watch has stopped; relist by calling watchEvents again without fromResourceVersion. */
  onExpired(): void;
  /** Only events of one namespace (default: all). */
  readonly namespace?: string;
  readonly logger?: Logger;
  readonly pageSize?: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
}

export interface EventWatchStats {
  listed: number;
  added: number;
  modified: number;
  deleted: number;
  bookmarks: number;
  /** Watch connections opened (the first included). */
  watches: number;
  errors: number;
  /** Objects skipped because they were not readable events. */
  decodeErrors: number;
}

export interface EventWatch {
  /** The last resourceVersion seen (list, event or bookmark); undefined before any. */
  readonly resourceVersion: string | undefined;
  readonly stats: Readonly<EventWatchStats>;
  /** Resolves 'expired' after onExpired, 'stopped' after stop(). */
  readonly done: Promise<'expired' | 'stopped'>;
  stop(): Promise<void>;
}

/**
 * The eventer's source primitive: list (paginated) then watch core/v1 Events with bookmarks,
 * resuming after a dropped or silent stream from the last resourceVersion seen, so that
 * nothing is lost or repeated across the drop. A 410 is reported, never papered over.
 * Events are the server's JSON (timestamps as the strings it sent), minus managedFields.
 */
export function watchEvents(options: WatchEventsOptions): EventWatch {
  const abort = new AbortController();
  const logger = options.logger ?? noopLogger;
  const random = options.random ?? Math.random;
  const path =
    options.namespace === undefined
      ? '/api/v1/events'
      : `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/events`;
  const stats: EventWatchStats = {
    listed: 0,
    added: 0,
    modified: 0,
    deleted: 0,
    bookmarks: 0,
    watches: 0,
    errors: 0,
    decodeErrors: 0,
  };
  let resourceVersion =
    options.fromResourceVersion === '' ? undefined : options.fromResourceVersion;
  let expired = false;

  const decode = (raw: unknown): KubeEvent | undefined => {
    try {
      return toKubeEvent(raw);
    } catch (error) {
      stats.decodeErrors += 1;
      if (stats.decodeErrors % 1000 === 1)
        logger.warn('event watch: skipped an unreadable event', { error: describe(error) });
      return undefined;
    }
  };

  const list = async (): Promise<void> => {
    let count = 0;
    let listVersion = '';
    // A 410 on a continue token (the snapshot was compacted) ends here as expired; the caller's
    // relist hands out the first pages again, harmless as deliveries are idempotent on (uid, rv).
    for await (const page of listPages(options.client, path, {
      pageSize: options.pageSize ?? 500,
      signal: abort.signal,
      // The API server renders the next page while the sinks' intake takes this one.
      prefetch: true,
    })) {
      for (const raw of page.items) {
        const event = decode(raw);
        if (event === undefined) continue;
        count += 1;
        stats.listed += 1;
        await options.onEvent('ADDED', event, true);
      }
      listVersion = page.resourceVersion;
    }
    resourceVersion = listVersion;
    await options.onListed?.(listVersion, count);
  };

  const cycle = async (
    healthy: () => void,
  ): Promise<{ outcome: CycleOutcome; messages: number; durationMs: number }> => {
    const started = performance.now();
    if (resourceVersion === undefined) {
      await list();
      healthy();
    }
    const query = {
      resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: watchTimeoutSeconds(random),
    };
    stats.watches += 1;
    let messages = 0;
    for await (const message of options.client.watch(path, query, abort.signal)) {
      messages += 1;
      if (messages === 1) healthy();
      const { type, object } = message;
      if (type === 'ERROR') {
        const error = statusError(object, path);
        if (error.expired)
          return { outcome: 'expired', messages, durationMs: performance.now() - started };
        throw error;
      }
      if (type === 'BOOKMARK') {
        const version = resourceVersionOf(object);
        if (version !== '') {
          resourceVersion = version;
          stats.bookmarks += 1;
          await options.onBookmark?.(version);
        }
        continue;
      }
      if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') continue;
      const event = decode(object);
      if (event === undefined) continue;
      if (type === 'ADDED') stats.added += 1;
      else if (type === 'MODIFIED') stats.modified += 1;
      else stats.deleted += 1;
      await options.onEvent(type, event, false);
      // Advanced only once the caller took the event: a resume never skips one it did not see.
      resourceVersion = event.metadata.resourceVersion;
    }
    return { outcome: 'ended', messages, durationMs: performance.now() - started };
  };

  const done = runWatchLoop({
    what: 'event watch',
    logger,
    signal: abort.signal,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    random,
    cycle,
    onExpired: () => {
      expired = true;
      logger.info('event watch: resourceVersion expired (410), the caller relists', {
        resourceVersion,
      });
      options.onExpired();
      return false;
    },
    onError: () => {
      stats.errors += 1;
    },
  }).then(() => (expired ? 'expired' : 'stopped') as 'expired' | 'stopped');

  return {
    get resourceVersion() {
      return resourceVersion;
    },
    stats,
    done,
    async stop() {
      abort.abort();
      await done;
    },
  };
}
