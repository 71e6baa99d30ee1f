import type { Logger } from '@heapster/runtime';
import { closeDatabase, type Database } from './database.js';
import { fileIdentity } from './snapshot.js';

/** One opening of the database file, with the readers still using it. */
interface Generation {
  readonly database: Promise<Database>;
  /** Read-only file stores: the identity of the file this generation opened. */
  readonly identity: Promise<string | undefined>;
  active: number;
  retired: boolean;
}

/**
 * The open database of a store, and — for a read-only store of a file that gets replaced (the
 * writer's `<file>.snapshot`) — its successive openings: a reader checks at most every
 * `checkMs` whether the file was replaced and then opens the new one; the old one closes when
 * its last reader finishes.
 */
export class Generations {
  private readonly _path: string;
  private readonly _follow: boolean;
  private readonly _open: () => Promise<Database>;
  private readonly _checkMs: number;
  private readonly _logger: Logger;
  private _current: Generation | undefined;
  private _checkedAt = Number.NEGATIVE_INFINITY;

  constructor(options: {
    path: string;
    /** Follow replacements of the file (read-only file stores). */
    follow: boolean;
    open: () => Promise<Database>;
    checkMs: number;
    logger: Logger;
  }) {
    this._path = options.path;
    this._follow = options.follow;
    this._open = options.open;
    this._checkMs = options.checkMs;
    this._logger = options.logger;
  }

  /** The current database, opened on first use; a failed open is retried by the next call. */
  database(): Promise<Database> {
    this._current ??= this._generation();
    return this._current.database;
  }

  /** Runs `job` on the current database, after looking whether the file was replaced. */
  async use<T>(job: (database: Database) => Promise<T>): Promise<T> {
    const generation = await this._forReading();
    generation.active++;
    try {
      return await job(await generation.database);
    } finally {
      generation.active--;
      if (generation.retired && generation.active === 0) void this._close(generation);
    }
  }

  /** The database to close at shutdown (undefined if it never opened). */
  async current(): Promise<Database | undefined> {
    return this._current?.database.catch(() => undefined);
  }

  private _generation(): Generation {
    // Identify the file before opening it: a snapshot replaced in between is seen as new later.
    const identity = this._follow
      ? fileIdentity(this._path).catch(() => undefined)
      : Promise.resolve(undefined);
    const generation: Generation = {
      database: identity.then(() => this._open()),
      identity,
      active: 0,
      retired: false,
    };
    generation.database.catch(() => {
      if (this._current === generation) this._current = undefined;
    });
    return generation;
  }

  private async _forReading(): Promise<Generation> {
    await this.database();
    const current = this._current as Generation;
    if (!this._follow) return current;
    const now = performance.now();
    if (now - this._checkedAt < this._checkMs) return current;
    this._checkedAt = now;
    const identity = await fileIdentity(this._path).catch(() => undefined);
    if (identity === undefined || identity === (await current.identity)) return current;
    const next = this._generation();
    await next.database;
    this._current = next;
    current.retired = true;
    if (current.active === 0) void this._close(current);
    this._logger.info('duckdb store reopened a replaced file', { path: this._path });
    return next;
  }

  private async _close(generation: Generation): Promise<void> {
    const database = await generation.database.catch(() => undefined);
    if (database !== undefined) closeDatabase(database);
  }
}
