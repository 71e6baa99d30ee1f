import { goDurationMs } from './influx-duration.js';
import { quoteIdentifier, type StatementResult } from './influxql.js';

/** Runs one InfluxQL statement (POST /query); throws classified errors. */
export type RunQuery = (statement: string, signal: AbortSignal) => Promise<StatementResult[]>;

export interface DatabaseSpec {
  readonly database: string;
  readonly retentionPolicy: string;
  /** InfluxQL literal (`INF`, `7d`) and its length in ms (0 = infinite). */
  readonly retention: string;
  readonly retentionMs: number;
  /** Only an explicit `retention` option alters an existing policy. */
  readonly retentionExplicit: boolean;
}

/**
 * Creates the database and its retention policy, doing what Heapster meant to do
 * (heapster.md §5.2: its `retention` was ignored on a fresh database):
 * 1. `CREATE DATABASE` (a no-op when it exists);
 * 2. `SHOW RETENTION POLICIES` to see what is there;
 * 3. the policy missing: `CREATE RETENTION POLICY ... DURATION <retention> DEFAULT`;
 *    present but different from an explicit `retention`: `ALTER RETENTION POLICY` to match.
 * Returns what it changed, for the log.
 */
export async function ensureDatabase(
  run: RunQuery,
  spec: DatabaseSpec,
  signal: AbortSignal,
): Promise<string[]> {
  const db = quoteIdentifier(spec.database);
  const rp = quoteIdentifier(spec.retentionPolicy);
  const changes: string[] = [];
  await run(`CREATE DATABASE ${db}`, signal);
  const policies = retentionPolicies(await run(`SHOW RETENTION POLICIES ON ${db}`, signal));
  const existing = policies.find(policy => policy.name === spec.retentionPolicy);
  if (existing === undefined) {
    await run(
      `CREATE RETENTION POLICY ${rp} ON ${db} DURATION ${spec.retention} REPLICATION 1 DEFAULT`,
      signal,
    );
    changes.push(`created retention policy ${rp} (${spec.retention}) as the default`);
  } else if (
    spec.retentionExplicit &&
    (existing.durationMs !== spec.retentionMs || !existing.isDefault)
  ) {
    await run(`ALTER RETENTION POLICY ${rp} ON ${db} DURATION ${spec.retention} DEFAULT`, signal);
    changes.push(`altered retention policy ${rp} to ${spec.retention} as the default`);
  }
  return changes;
}

interface PolicyRow {
  readonly name: string;
  readonly durationMs: number;
  readonly isDefault: boolean;
}

function retentionPolicies(results: readonly StatementResult[]): PolicyRow[] {
  const series = results[0]?.series?.[0];
  if (series === undefined) return [];
  const column = (name: string): number => series.columns.indexOf(name);
  const [nameAt, durationAt, defaultAt] = [column('name'), column('duration'), column('default')];
  return (series.values ?? []).map(row => ({
    name: String(row[nameAt]),
    durationMs: goDurationMs(String(row[durationAt])),
    isDefault: row[defaultAt] === true,
  }));
}
