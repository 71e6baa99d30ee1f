import { parseDuration } from '@heapster/model';
import { OptionReader, type SinkUri } from '@heapster/sink';

/** `duckdb:<file>[?options]` (see README "Options"). */
export interface DuckDbConfig {
  /** The database file, or `:memory:` (`duckdb:` and `duckdb::memory:`). Relative to the cwd. */
  readonly path: string;
  /** Samples, series and events older than this are dropped (whole days for samples); 0 = never. */
  readonly retentionMs: number;
  /** Sort the unsorted tail into its day partitions once it holds this many samples. */
  readonly compactRows: number;
  /** DuckDB's `memory_limit` (e.g. `512MB`, `2GB`); DuckDB's default (80 % of RAM) when unset. */
  readonly memoryLimit: string | undefined;
  /** DuckDB worker threads; DuckDB's default (one per core) when unset. */
  readonly threads: number | undefined;
  /** Every this often, copy a consistent snapshot to `<file>.snapshot` for other processes; 0 = off. */
  readonly snapshotMs: number;
  /** Open the file read-only (a reader such as the oldtimer; sinks refuse to write). */
  readonly readOnly: boolean;
}

export const MEMORY_PATH = ':memory:';
const DAY_MS = 86_400_000;

export const DUCKDB_DEFAULTS: DuckDbConfig = Object.freeze({
  path: MEMORY_PATH,
  retentionMs: 7 * DAY_MS,
  compactRows: 2_000_000,
  memoryLimit: undefined,
  threads: undefined,
  snapshotMs: 0,
  readOnly: false,
});

/** Pure: reads and validates every option, reporting all problems at once, each by name. */
export function parseConfig(uri: SinkUri): DuckDbConfig {
  const options = new OptionReader(uri);
  const retention = options.optionalString('retention');
  let retentionMs = DUCKDB_DEFAULTS.retentionMs;
  if (retention !== undefined) {
    const parsed = parseRetention(retention.trim());
    if (parsed === undefined) {
      options.problem('retention', `"${retention}" is not a duration (e.g. 30d, 36h, 0 = forever)`);
    } else retentionMs = parsed;
  }
  const memoryLimit = options.optionalString('memory_limit');
  if (
    memoryLimit !== undefined &&
    !/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)
  ) {
    options.problem('memory_limit', `"${memoryLimit}" is not a size (e.g. 512MB, 2GB)`);
  }
  const config: DuckDbConfig = {
    path: uri.target === '' ? MEMORY_PATH : uri.target,
    retentionMs,
    compactRows: options.integer('compact_rows', DUCKDB_DEFAULTS.compactRows, {
      min: 10_000,
      max: 1_000_000_000,
    }),
    memoryLimit,
    threads: options.has('threads')
      ? options.integer('threads', 1, { min: 1, max: 256 })
      : undefined,
    snapshotMs: options.duration('snapshot', 0, { minMs: 0 }),
    readOnly: options.boolean('read_only', false),
  };
  if (config.retentionMs > 0 && config.retentionMs < 3_600_000) {
    options.problem('retention', `${retention ?? ''} is below the minimum of 1h (or 0 = forever)`);
  }
  if (config.snapshotMs > 0 && config.snapshotMs < 10_000) {
    options.problem('snapshot', `${config.snapshotMs} ms is below the minimum of 10s (or 0 = off)`);
  }
  if (config.path === MEMORY_PATH && config.snapshotMs > 0) {
    options.problem('snapshot', 'an in-memory store has no file to snapshot');
  }
  if (config.path === MEMORY_PATH && config.readOnly) {
    options.problem('read_only', 'an in-memory store cannot be opened read-only');
  }
  options.done();
  return Object.freeze(config);
}

/**
 * A retention: Go durations (`36h`, `90m`) plus whole days (`30d`, `1d12h`), which Go lacks and
 * which is the unit retention is thought in. `0` keeps data forever.
 */
export function parseRetention(text: string): number | undefined {
  const match = /^(\d+)d(.*)$/.exec(text);
  try {
    if (match === null) {
      const ms = /^\d+$/.test(text) ? Number(text) * 1000 : parseDuration(text);
      return ms >= 0 ? ms : undefined;
    }
    const rest = match[2] ?? '';
    const extra = rest === '' ? 0 : parseDuration(rest);
    return extra >= 0 ? Number(match[1]) * DAY_MS + extra : undefined;
  } catch {
    return undefined;
  }
}

/** The retention as written in sink names and logs: `7d`, `36h`, `forever`. */
export function formatRetention(ms: number): string {
  if (ms === 0) return 'forever';
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  return `${Math.round(ms / 3_600_000)}h`;
}
