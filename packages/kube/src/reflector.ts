import type { Logger } from '@heapster/runtime';
import { statusError, type KubeApiClient } from './api-client.js';
import { listPages } from './list-pages.js';
import { NamespacedRecords } from './namespaced-records.js';
import { readObjectMeta, resourceVersionOf } from './object-meta.js';
import {
  DEFAULT_BACKOFF,
  describe,
  runWatchLoop,
  watchTimeoutSeconds,
  type BackoffOptions,
  type CycleOutcome,
} from './watch-loop.js';

export interface ReflectorListener<T> {
  added(record: T): void;
  updated(previous: T, record: T): void;
  deleted(record: T): void;
}

export interface ReflectorCounters {
  /** Full lists done (the first one included). */
  lists: number;
  /** Lists forced by 410 Expired. */
  relists: number;
  /** Watch connections opened. */
  watches: number;
  /** Failed lists or watches (each followed by a backoff). */
  errors: number;
  /** Objects skipped because they could not be read. */
  decodeErrors: number;
  added: number;
  updated: number;
  deleted: number;
}

export interface ReflectorOptions<T> {
  readonly client: KubeApiClient;
  /** For logs: "nodes", "pods". */
  readonly resource: string;
  /** Collection path, e.g. /api/v1/pods. */
  readonly path: string;
  readonly convert: (raw: unknown) => T;
  readonly versionOf: (record: T) => string;
  readonly listener: ReflectorListener<T>;
  readonly logger: Logger;
  readonly pageSize: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
}

/**
 * List+watch of one resource into a map of slim records, keyed `namespace/name` (or `name`).
 * Relists on 410, resumes after dropped streams from the last resourceVersion, backs off with
 * jitter on errors (see runWatchLoop), and converts every object at the edge: the raw JSON is
 * never kept. On relist, objects whose resourceVersion did not change keep their record.
 */
export class Reflector<T> {
  readonly counters: ReflectorCounters = {
    lists: 0,
    relists: 0,
    watches: 0,
    errors: 0,
    decodeErrors: 0,
    added: 0,
    updated: 0,
    deleted: 0,
  };
  private _items = new NamespacedRecords<T>();
  private _resourceVersion: string | undefined;
  private readonly _options: ReflectorOptions<T>;
  private readonly _abort = new AbortController();
  private _loop: Promise<void> | undefined;
  private _synced = false;
  private _resolveSynced: () => void = () => undefined;
  private _rejectSynced: (error: Error) => void = () => undefined;
  private readonly _whenSynced: Promise<void>;

  constructor(options: ReflectorOptions<T>) {
    this._options = options;
    this._whenSynced = new Promise<void>((resolve, reject) => {
      this._resolveSynced = resolve;
      this._rejectSynced = reject;
    });
    // Handled here so that stopping an unsynced reflector nobody waits on is no unhandled rejection.
    this._whenSynced.catch(() => undefined);
  }

  get synced(): boolean {
    return this._synced;
  }

  get size(): number {
    return this._items.size;
  }

  get resourceVersion(): string | undefined {
    return this._resourceVersion;
  }

  /** Resolves after the first complete list; rejects if stopped before. */
  whenSynced(): Promise<void> {
    return this._whenSynced;
  }

  /** The record of `namespace`/`name` ('' as the namespace of cluster-scoped objects). */
  get(namespace: string, name: string): T | undefined {
    return this._items.get(namespace, name);
  }

  values(): IterableIterator<T> {
    return this._items.values();
  }

  start(): void {
    if (this._loop !== undefined || this._abort.signal.aborted) return;
    const random = this._options.random ?? Math.random;
    this._loop = runWatchLoop({
      what: `${this._options.resource} informer`,
      logger: this._options.logger,
      signal: this._abort.signal,
      backoff: this._options.backoff ?? DEFAULT_BACKOFF,
      random,
      cycle: healthy => this._cycle(random, healthy),
      onExpired: () => {
        this._resourceVersion = undefined;
        this.counters.relists += 1;
        return true;
      },
      onError: () => {
        this.counters.errors += 1;
      },
    });
  }

  /** Stops listing and watching; resolves when no request is left open. */
  async stop(): Promise<void> {
    this._abort.abort();
    if (!this._synced)
      this._rejectSynced(new Error(`${this._options.resource} informer stopped before it synced`));
    await this._loop;
  }

  private async _cycle(
    random: () => number,
    healthy: () => void,
  ): Promise<{ outcome: CycleOutcome; messages: number; durationMs: number }> {
    const started = performance.now();
    if (this._resourceVersion === undefined) {
      await this._list();
      healthy();
    }
    const { client, path } = this._options;
    const query = {
      resourceVersion: this._resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: watchTimeoutSeconds(random),
    };
    this.counters.watches += 1;
    let messages = 0;
    for await (const message of client.watch(path, query, this._abort.signal)) {
      messages += 1;
      if (messages === 1) healthy();
      if (message.type === 'ERROR') {
        const error = statusError(message.object, path);
        if (error.expired)
          return { outcome: 'expired', messages, durationMs: performance.now() - started };
        throw error;
      }
      this._apply(message.type, message.object);
    }
    return { outcome: 'ended', messages, durationMs: performance.now() - started };
  }

  private _apply(type: string, raw: unknown): void {
    if (type === 'BOOKMARK') {
      const version = resourceVersionOf(raw);
      if (version !== '') this._resourceVersion = version;
      return;
    }
    const meta = readObjectMeta(raw);
    if (meta === undefined) {
      this._decodeFailed(new Error(`a ${type} object has no metadata.name`));
      return;
    }
    if (meta.resourceVersion !== '') this._resourceVersion = meta.resourceVersion;
    if (type === 'DELETED') {
      const previous = this._items.delete(meta.namespace, meta.name);
      if (previous === undefined) return;
      this.counters.deleted += 1;
      this._notify(() => this._options.listener.deleted(previous));
      return;
    }
    if (type !== 'ADDED' && type !== 'MODIFIED') return;
    const record = this._convert(raw);
    if (record === undefined) return;
    const previous = this._items.set(meta.namespace, meta.name, record);
    if (previous === undefined) {
      this.counters.added += 1;
      this._notify(() => this._options.listener.added(record));
    } else {
      this.counters.updated += 1;
      this._notify(() => this._options.listener.updated(previous, record));
    }
  }

  /** A full paginated list, swapped in at the end and diffed against what we had. */
  private async _list(): Promise<void> {
    const { client, path, pageSize, versionOf } = this._options;
    const fresh = new NamespacedRecords<T>();
    let resourceVersion = '';
    for await (const page of listPages(client, path, { pageSize, signal: this._abort.signal })) {
      for (const raw of page.items) {
        const meta = readObjectMeta(raw);
        if (meta === undefined) {
          this._decodeFailed(new Error('a listed object has no metadata.name'));
          continue;
        }
        const known = this._items.get(meta.namespace, meta.name);
        const record =
          known !== undefined &&
          meta.resourceVersion !== '' &&
          versionOf(known) === meta.resourceVersion
            ? known
            : this._convert(raw);
        if (record !== undefined) fresh.set(meta.namespace, meta.name, record);
      }
      resourceVersion = page.resourceVersion;
    }
    const previous = this._items;
    this._items = fresh;
    this._resourceVersion = resourceVersion;
    this.counters.lists += 1;
    previous.forEach((record, namespace, name) => {
      if (!fresh.has(namespace, name)) {
        this.counters.deleted += 1;
        this._notify(() => this._options.listener.deleted(record));
      }
    });
    fresh.forEach((record, namespace, name) => {
      const before = previous.get(namespace, name);
      if (before === undefined) {
        this.counters.added += 1;
        this._notify(() => this._options.listener.added(record));
      } else if (before !== record) {
        this.counters.updated += 1;
        this._notify(() => this._options.listener.updated(before, record));
      }
    });
    if (!this._synced) {
      this._synced = true;
      this._options.logger.info(`${this._options.resource} informer synced`, {
        objects: fresh.size,
        resourceVersion,
      });
      this._resolveSynced();
    }
  }

  private _convert(raw: unknown): T | undefined {
    try {
      return this._options.convert(raw);
    } catch (error) {
      this._decodeFailed(error);
      return undefined;
    }
  }

  private _decodeFailed(error: unknown): void {
    this.counters.decodeErrors += 1;
    // The first and then every 1000th: enough to see the cause without flooding the log.
    if (this.counters.decodeErrors % 1000 === 1) {
      this._options.logger.warn(
        `${this._options.resource} informer: skipped an unreadable object`,
        {
          error: describe(error),
          skipped: this.counters.decodeErrors,
        },
      );
    }
  }

  private _notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this._options.logger.error(`${this._options.resource} informer: a change listener threw`, {
        error: describe(error),
      });
    }
  }
}
