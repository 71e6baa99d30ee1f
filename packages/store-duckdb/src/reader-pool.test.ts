import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { RetryableError } from '@heapster/runtime';
import { ReaderPool, type Reader } from './reader-pool.js';

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => instance.closeSync());

/** A pool over the in-memory instance that counts the connections it opened. */
function pool(options: ConstructorParameters<typeof ReaderPool>[1] = {}) {
  const opened: DuckDBConnection[] = [];
  const readers = new ReaderPool(async () => {
    const connection = await instance.connect();
    opened.push(connection);
    return connection;
  }, options);
  return { readers, opened };
}

async function scalar(reader: Reader, sql: string, ...params: number[]): Promise<number> {
  const statement = await reader.prepared(sql);
  params.forEach((value, i) => statement.bindInteger(i + 1, value));
  return Number((await statement.runAndReadAll()).getRowsJS()[0]?.[0]);
}

/** A promise and its resolver: a job that holds its connection until released. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>(resolve => (open = resolve));
  return { wait, open };
}

describe('ReaderPool', () => {
  it('should reuse one connection and its prepared statements for sequential jobs', async () => {
    const { readers, opened } = pool();
    const first = await readers.use(async reader => {
      expect(await scalar(reader, 'SELECT $1 + 1', 41)).toBe(42);
      return { connection: reader.connection, statement: await reader.prepared('SELECT $1 + 1') };
    });
    await readers.use(async reader => {
      expect(reader.connection).toBe(first.connection);
      expect(await reader.prepared('SELECT $1 + 1')).toBe(first.statement);
      expect(await scalar(reader, 'SELECT $1 + 1', 1)).toBe(2);
    });
    expect(opened).toHaveLength(1);
    readers.close();
    expect(readers.size).toBe(0);
  });

  it('should give concurrent jobs their own connections, at most maxConnections, the rest waiting', async () => {
    const { readers, opened } = pool({ maxConnections: 2 });
    const held = gate();
    let running = 0;
    let most = 0;
    const job = async (reader: Reader): Promise<number> => {
      running++;
      most = Math.max(most, running);
      await held.wait;
      const value = await scalar(reader, 'SELECT $1 * 2', 21);
      running--;
      return value;
    };
    const jobs = Array.from({ length: 5 }, () => readers.use(job));
    await new Promise(resolve => setImmediate(resolve));
    expect(readers.size).toBe(2);
    held.open();
    expect(await Promise.all(jobs)).toEqual([42, 42, 42, 42, 42]);
    expect(most).toBe(2);
    expect(opened).toHaveLength(2);
    readers.close();
  });

  it('should refuse jobs beyond maxWaiting with a RetryableError, and let an aborted waiter go', async () => {
    const { readers } = pool({ maxConnections: 1, maxWaiting: 1 });
    const held = gate();
    const busy = readers.use(() => held.wait);
    const abort = new AbortController();
    const waiting = readers.use(async () => 'never', abort.signal);
    await expect(readers.use(async () => 'refused')).rejects.toBeInstanceOf(RetryableError);
    abort.abort(new Error('client went away'));
    await expect(waiting).rejects.toThrow('client went away');
    // The aborted waiter left the queue: there is room for one again.
    const next = readers.use(async () => 'ran');
    held.open();
    await busy;
    expect(await next).toBe('ran');
    readers.close();
  });

  it('should close the connection of a failed or discarded job instead of reusing it', async () => {
    const { readers, opened } = pool();
    await expect(
      readers.use(async reader => {
        await reader.connection.run('BEGIN TRANSACTION');
        throw new Error('job failed inside a transaction');
      }),
    ).rejects.toThrow('job failed');
    expect(readers.size).toBe(0);
    await readers.use(async reader => reader.discard());
    expect(readers.size).toBe(0);
    // A fresh connection: no transaction left open by the failed job.
    await readers.use(reader => reader.connection.run('BEGIN TRANSACTION; ROLLBACK'));
    expect(opened).toHaveLength(3);
    expect(readers.size).toBe(1);
    readers.close();
  });

  it('should keep at most maxStatements prepared statements per connection', async () => {
    const { readers } = pool({ maxStatements: 2 });
    await readers.use(async reader => {
      const one = await reader.prepared('SELECT 1');
      await reader.prepared('SELECT 2');
      expect(await reader.prepared('SELECT 1')).toBe(one); // now the most recently used
      await reader.prepared('SELECT 3'); // evicts SELECT 2
      expect(await reader.prepared('SELECT 1')).toBe(one);
      const two = await reader.prepared('SELECT 2');
      expect(Number((await two.runAndReadAll()).getRowsJS()[0]?.[0])).toBe(2);
    });
    readers.close();
  });

  it('should compute a memo once per pool, and not remember a failure', async () => {
    const { readers } = pool();
    let calls = 0;
    const compute = async (): Promise<number> => ++calls;
    expect(await readers.use(reader => reader.memo('k', compute))).toBe(1);
    expect(await readers.use(reader => reader.memo('k', compute))).toBe(1);
    await expect(
      readers.use(reader => reader.memo('bad', () => Promise.reject(new Error('no')))),
    ).rejects.toThrow('no');
    expect(await readers.use(reader => reader.memo('bad', compute))).toBe(2);
    readers.close();
  });

  it('should close idle connections at close(), busy ones when their job ends, and refuse new jobs', async () => {
    const { readers, opened } = pool({ maxConnections: 1 });
    const held = gate();
    const busy = readers.use(async reader => {
      await held.wait;
      return scalar(reader, 'SELECT 7');
    });
    const waiting = readers.use(async () => 'never');
    await new Promise(resolve => setImmediate(resolve));
    readers.close();
    await expect(waiting).rejects.toBeInstanceOf(RetryableError);
    expect(readers.size).toBe(1);
    held.open();
    expect(await busy).toBe(7);
    expect(readers.size).toBe(0);
    await expect(opened[0]?.run('SELECT 1')).rejects.toThrow();
    await expect(readers.use(async () => 'late')).rejects.toThrow(/closed/);
  });
});
