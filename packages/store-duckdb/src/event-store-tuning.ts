import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * What a store is opened for: `events` when the `duckdb` event sink acquires it (the eventer's
 * own file), `default` otherwise (metric stores, historical readers). Only a writable events
 * store on a file is opened differently (`eventStoreOptions`, `attachEventStore`).
 */
export type StoreProfile = 'default' | 'events';

/**
 * Row groups of 8,192 rows instead of DuckDB's 122,880. Each checkpoint re-compresses the last,
 * partly filled row group whole; with up to 122,880 rows of about 1 KB that took 100–130 MB more
 * for a few seconds, outside memory_limit. Measured with the eventer storing kubesim's events
 * at 1,000/s for 150 s (threads=1, DuckDB's allocator as apps/eventer sets it), memory_limit
 * 64MB: RSS maximum 265 → 159 MB, eventer CPU 86 → 69 µs per event; the median rose 132 → 143
 * MB (more written blocks stay cached) and fell back with EVENT_MEMORY_LIMIT. The events table
 * is read by time, the writer's anti-join by rv_num range: smaller row groups skip more.
 */
export const EVENT_ROW_GROUP_SIZE = 8_192;

/**
 * Checkpoint at 8 MB of WAL instead of 16: appended rows stay in memory (about 1 KB each) until
 * a checkpoint writes them. Measured as above with memory_limit=32MB: RSS maximum 150 → 130 MB,
 * median 124 → 123 MB, CPU unchanged (4 MB cost 30–50 % more CPU in a writer-only test).
 */
export const EVENT_CHECKPOINT_THRESHOLD = '8MB';

/**
 * memory_limit of an events store whose URI sets none (DuckDB's default is 80 % of the RAM).
 * DuckDB keeps the blocks it wrote or read cached up to its memory_limit, and the eventer does
 * not read them again. Measured as above: memory_limit 64MB → 32MB, RSS median 151 → 123 MB,
 * maximum 159 → 130 MB. Writes go in transactions of EVENTS_PER_TRANSACTION rows so that a
 * batch of any size fits (batches of 5,000 in one transaction did not).
 */
export const EVENT_MEMORY_LIMIT = '32MB';

/**
 * DuckDB threads of an events store whose URI sets none (DuckDB's default is one per core): one
 * connection writes, one statement at a time, and a second thread only cost CPU. Measured as
 * above (memory_limit=32MB): eventer CPU 100 → 73 µs per event, RSS maximum 135 → 128 MB.
 */
export const EVENT_THREADS = '1';

/** The name the events file is attached under (every connection `USE`s it). */
const ALIAS = 'events_store';

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Instance options of a writable events store on a file (the URI's options override them): the
 * instance itself is in memory and the file is attached with `ROW_GROUP_SIZE`, which only ATTACH
 * accepts (it is not kept in the file: a reader opens it as any other store). Spilled buffers
 * go beside the file, where DuckDB puts them for a file it opens itself (`./.tmp` otherwise).
 */
export function eventStoreOptions(path: string): Record<string, string> {
  return {
    memory_limit: EVENT_MEMORY_LIMIT,
    threads: EVENT_THREADS,
    checkpoint_threshold: EVENT_CHECKPOINT_THRESHOLD,
    temp_directory: `${path}.tmp`,
  };
}

/** Attaches the file; resolves with how to open a connection that uses it by default. */
export async function attachEventStore(
  instance: DuckDBInstance,
  path: string,
): Promise<() => Promise<DuckDBConnection>> {
  const setup = await instance.connect();
  try {
    await setup.run(
      `ATTACH ${sqlString(path)} AS ${ALIAS} (ROW_GROUP_SIZE ${EVENT_ROW_GROUP_SIZE})`,
    );
  } finally {
    setup.closeSync();
  }
  return async () => {
    const connection = await instance.connect();
    try {
      await connection.run(`USE ${ALIAS}`);
    } catch (error) {
      connection.closeSync();
      throw error;
    }
    return connection;
  };
}
