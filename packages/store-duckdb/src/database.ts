import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PermanentError } from '@heapster/runtime';
import { MEMORY_PATH, type DuckDbConfig } from './config.js';
import { attachEventStore, eventStoreOptions, type StoreProfile } from './event-store-tuning.js';
import { EventWriter } from './event-writer.js';
import { hotState } from './maintenance.js';
import { ReaderPool } from './reader-pool.js';
import { SampleWriter } from './sample-writer.js';
import { CREATE_SCHEMA, SCHEMA_VERSION } from './schema.js';

/** A DuckDB instance plus, when writable, its writers and their dedicated connections. */
export interface Database {
  readonly instance: DuckDBInstance;
  readonly readOnly: boolean;
  /** A new connection to the store (of an events store: with the attached file as default). */
  connect(): Promise<DuckDBConnection>;
  /** Writable stores only: the samples connection (writes and compaction share it). */
  readonly samples: SampleWriter | undefined;
  readonly samplesConnection: DuckDBConnection | undefined;
  readonly events: EventWriter | undefined;
  /** Writable stores only: finalization, retention and snapshots. */
  readonly maintenance: DuckDBConnection | undefined;
  /** Rows and days of the unsorted tail found at open. */
  readonly hot: ReadonlyMap<number, number>;
  readonly connections: DuckDBConnection[];
  /** Pooled connections of the historical reader (with their prepared statements). */
  readonly readers: ReaderPool;
}

function instanceOptions(config: DuckDbConfig, readOnly: boolean): Record<string, string> {
  const options: Record<string, string> = {};
  if (config.threads !== undefined) options['threads'] = String(config.threads);
  if (config.memoryLimit !== undefined) options['memory_limit'] = config.memoryLimit;
  if (readOnly) options['access_mode'] = 'READ_ONLY';
  return options;
}

/**
 * Opens (creating file, directory and schema) a store. `path` is already resolved; writable
 * stores load the writers' dictionaries so that a restarted writer reuses its series ids. A
 * writable events store on a file is attached to an in-memory instance (event-store-tuning.ts).
 */
export async function openDatabase(
  path: string,
  config: DuckDbConfig,
  readOnly: boolean,
  now: number,
  profile: StoreProfile = 'default',
): Promise<Database> {
  if (path !== MEMORY_PATH && !readOnly) await mkdir(dirname(path), { recursive: true });
  const tuned = profile === 'events' && !readOnly && path !== MEMORY_PATH;
  const options = instanceOptions(config, readOnly);
  const instance = tuned
    ? await DuckDBInstance.create(MEMORY_PATH, { ...eventStoreOptions(path), ...options })
    : await DuckDBInstance.create(path, options);
  let open = (): Promise<DuckDBConnection> => instance.connect();
  const connections: DuckDBConnection[] = [];
  const connect = async (): Promise<DuckDBConnection> => {
    const connection = await open();
    connections.push(connection);
    return connection;
  };
  const readers = new ReaderPool(() => open());
  try {
    if (tuned) open = await attachEventStore(instance, path);
    if (readOnly) {
      return {
        instance,
        connect: open,
        readOnly,
        samples: undefined,
        samplesConnection: undefined,
        events: undefined,
        maintenance: undefined,
        hot: new Map(),
        connections,
        readers,
      };
    }
    const samplesConnection = await connect();
    await samplesConnection.run(CREATE_SCHEMA);
    const version = await samplesConnection.runAndReadAll(
      "SELECT value FROM store_info WHERE key = 'schema_version'",
    );
    const found = String(version.getRowsJS()[0]?.[0] ?? '');
    if (found !== SCHEMA_VERSION) {
      throw new PermanentError(
        `${path} has store schema version ${found}, this build reads version ${SCHEMA_VERSION}`,
      );
    }
    const samples = new SampleWriter(samplesConnection);
    await samples.load(now);
    const events = new EventWriter(await connect());
    await events.load();
    const maintenance = await connect();
    return {
      instance,
      connect: open,
      readOnly,
      samples,
      samplesConnection,
      events,
      maintenance,
      hot: await hotState(samplesConnection),
      connections,
      readers,
    };
  } catch (error) {
    closeDatabase({ instance, connections, readers });
    throw error;
  }
}

/** Closes every connection, then the instance (the file can be opened again afterwards). */
export function closeDatabase(
  database: Pick<Database, 'instance' | 'connections' | 'readers'>,
): void {
  database.readers.close();
  for (const connection of database.connections.splice(0)) {
    try {
      connection.closeSync();
    } catch {
      // Already closed: nothing to release.
    }
  }
  database.instance.closeSync();
}
