import { resolve } from 'node:path';
import { MEMORY_PATH, type DuckDbConfig } from './config.js';
import type { StoreProfile } from './event-store-tuning.js';
import { DuckDbStore, type StoreSettings } from './store.js';

/** A counted reference to a shared store; `release()` closes the store with the last one. */
export interface StoreHandle {
  readonly store: DuckDbStore;
  release(): Promise<void>;
}

interface Entry {
  readonly store: DuckDbStore;
  refs: number;
}

const stores = new Map<string, Entry>();

/** The absolute path a config opens (`:memory:` stays as is). */
export function resolveStorePath(config: DuckDbConfig): string {
  return config.path === MEMORY_PATH ? MEMORY_PATH : resolve(config.path);
}

/**
 * The process's one store for a file. DuckDB lets one process hold a file for writing, and two
 * instances of it in one process would fight over the lock, so the metric sink, the event sink
 * and the historical reader of one file share a store; the first to acquire it decides its
 * options and profile (a later, different set is logged and ignored). An in-memory store is
 * one per process.
 */
export function acquireStore(
  config: DuckDbConfig,
  settings: StoreSettings,
  profile: StoreProfile = 'default',
): StoreHandle {
  const path = resolveStorePath(config);
  let entry = stores.get(path);
  if (entry === undefined) {
    entry = { store: new DuckDbStore(path, config, settings, profile), refs: 0 };
    stores.set(path, entry);
  } else if (!sameOptions(entry.store.config, config) || entry.store.profile !== profile) {
    settings.logger.warn('duckdb store already open with other options; keeping those', {
      path,
      kept: { ...entry.store.config, profile: entry.store.profile },
      ignored: { ...config, profile },
    });
  }
  const held = entry;
  held.refs++;
  let released = false;
  return {
    store: held.store,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      held.refs--;
      if (held.refs > 0) return;
      if (stores.get(path) === held) stores.delete(path);
      await held.store.close();
    },
  };
}

function sameOptions(a: DuckDbConfig, b: DuckDbConfig): boolean {
  return (
    a.retentionMs === b.retentionMs &&
    a.compactRows === b.compactRows &&
    a.memoryLimit === b.memoryLimit &&
    a.threads === b.threads &&
    a.snapshotMs === b.snapshotMs &&
    a.readOnly === b.readOnly
  );
}
