import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { RetryableError } from '@heapster/runtime';

/** A pooled read connection with its own cache of prepared statements. */
export interface Reader {
  readonly connection: DuckDBConnection;
  /** The statement prepared for `sql` on this connection (prepared once, then reused). */
  prepared(sql: string): Promise<DuckDBPreparedStatement>;
  /** Close this connection after the job instead of reusing it (its state is unknown). */
  discard(): void;
  /**
   * What `compute` gives, computed once per opened database (shared by its connections): for
   * facts that cannot change while it is open, such as the catalog of a read-only file.
   */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export interface ReaderPoolOptions {
  /** Connections open at once; more concurrent jobs wait for one. */
  readonly maxConnections: number;
  /** Jobs that may wait for a connection; more are refused with a RetryableError. */
  readonly maxWaiting: number;
  /** Prepared statements kept per connection (least recently used ones are dropped). */
  readonly maxStatements: number;
  /** Memoized values kept (all are dropped when more would be). */
  readonly maxMemos: number;
}

export const READER_POOL_DEFAULTS: ReaderPoolOptions = {
  maxConnections: 4,
  maxWaiting: 1_000,
  maxStatements: 64,
  maxMemos: 256,
};

type Memo = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

class PooledReader implements Reader {
  readonly connection: DuckDBConnection;
  readonly memo: Memo;
  discarded = false;
  private readonly _statements = new Map<string, Promise<DuckDBPreparedStatement>>();
  private readonly _maxStatements: number;

  constructor(connection: DuckDBConnection, maxStatements: number, memo: Memo) {
    this.connection = connection;
    this._maxStatements = maxStatements;
    this.memo = memo;
  }

  prepared(sql: string): Promise<DuckDBPreparedStatement> {
    let statement = this._statements.get(sql);
    if (statement !== undefined) {
      // Map order is insertion order: re-inserting keeps the most recently used last.
      this._statements.delete(sql);
    } else {
      statement = this.connection.prepare(sql);
      // A statement that fails to prepare is not kept (the catalog may change).
      statement.catch(() => this._statements.delete(sql));
    }
    this._statements.set(sql, statement);
    for (const [oldest, evicted] of this._statements) {
      if (this._statements.size <= this._maxStatements) break;
      this._statements.delete(oldest);
      void evicted.then(
        s => s.destroySync(),
        () => undefined,
      );
    }
    return statement;
  }

  discard(): void {
    this.discarded = true;
  }

  close(): void {
    this._statements.clear();
    try {
      // Also destroys the statements prepared on it.
      this.connection.closeSync();
    } catch {
      // Already closed with its database: nothing to release.
    }
  }
}

interface Waiter {
  resolve(reader: PooledReader): void;
  reject(error: unknown): void;
}

/**
 * The read connections of one opened database, reused across queries so that their prepared
 * statements are too. A DuckDB connection runs one query at a time, so each concurrent job
 * holds its own; a job that failed, or whose state is unknown, gives its connection back
 * closed. `close()` closes the idle ones now and the busy ones when their jobs end.
 */
export class ReaderPool {
  private readonly _connect: () => Promise<DuckDBConnection>;
  private readonly _options: ReaderPoolOptions;
  private readonly _idle: PooledReader[] = [];
  private readonly _waiting: Waiter[] = [];
  private readonly _memos = new Map<string, Promise<unknown>>();
  private _open = 0;
  private _closed = false;

  constructor(connect: () => Promise<DuckDBConnection>, options: Partial<ReaderPoolOptions> = {}) {
    this._connect = connect;
    this._options = { ...READER_POOL_DEFAULTS, ...options };
  }

  /** Connections currently open (idle or in use). */
  get size(): number {
    return this._open;
  }

  async use<T>(job: (reader: Reader) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const reader = await this._acquire(signal);
    try {
      return await job(reader);
    } catch (error) {
      reader.discard();
      throw error;
    } finally {
      this._release(reader);
    }
  }

  /** Closes the idle connections; busy ones close when their job ends. Waiters are refused. */
  close(): void {
    this._closed = true;
    this._memos.clear();
    for (const reader of this._idle.splice(0)) this._drop(reader);
    for (const waiter of this._waiting.splice(0)) waiter.reject(this._closedError());
  }

  private async _acquire(signal: AbortSignal | undefined): Promise<PooledReader> {
    signal?.throwIfAborted();
    if (this._closed) throw this._closedError();
    const idle = this._idle.pop();
    if (idle !== undefined) return idle;
    if (this._open < this._options.maxConnections) {
      this._open++;
      try {
        return new PooledReader(await this._connect(), this._options.maxStatements, this._memo);
      } catch (error) {
        this._open--;
        throw error;
      }
    }
    if (this._waiting.length >= this._options.maxWaiting) {
      throw new RetryableError(
        `duckdb reader pool: ${this._options.maxWaiting} queries already wait for a connection`,
      );
    }
    return new Promise<PooledReader>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: reader => {
          signal?.removeEventListener('abort', onAbort);
          resolve(reader);
        },
        reject: error => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = (): void => {
        const index = this._waiting.indexOf(waiter);
        if (index >= 0) this._waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this._waiting.push(waiter);
    });
  }

  private readonly _memo: Memo = <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    let value = this._memos.get(key) as Promise<T> | undefined;
    if (value === undefined) {
      if (this._memos.size >= this._options.maxMemos) this._memos.clear();
      value = compute();
      this._memos.set(key, value);
      // A failure is not remembered: the next use computes again.
      value.catch(() => {
        if (this._memos.get(key) === value) this._memos.delete(key);
      });
    }
    return value;
  };

  private _release(reader: PooledReader): void {
    if (this._closed || reader.discarded) {
      this._drop(reader);
      // A slot freed: a waiter gets a fresh connection.
      const waiter = this._waiting.shift();
      if (waiter !== undefined) this._acquire(undefined).then(waiter.resolve, waiter.reject);
      return;
    }
    const waiter = this._waiting.shift();
    if (waiter !== undefined) waiter.resolve(reader);
    else this._idle.push(reader);
  }

  private _drop(reader: PooledReader): void {
    this._open--;
    reader.close();
  }

  private _closedError(): Error {
    return new RetryableError('duckdb reader pool is closed (the database was closed or reopened)');
  }
}
