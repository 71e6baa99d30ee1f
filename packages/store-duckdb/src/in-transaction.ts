import type { DuckDBConnection } from '@duckdb/node-api';

/** Runs `job` in one transaction on `connection`: committed if it succeeds, else rolled back. */
export async function inTransaction<T>(
  connection: DuckDBConnection,
  job: () => Promise<T>,
): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await job();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
