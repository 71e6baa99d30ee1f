import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

/** Where the writer puts the snapshot of `path`: `<path>.snapshot`. */
export function snapshotPath(path: string): string {
  return `${path}.snapshot`;
}

/**
 * Writes a consistent copy of the database file for readers in other processes (DuckDB lets
 * one process write a file, and no other process open it while it does). The caller holds
 * every writer lane, so after CHECKPOINT the file is complete and nothing writes to it; the
 * copy goes to a temporary name and is renamed over the old snapshot, so a reader that has the
 * old one open keeps reading its (unlinked) inode and the next open sees the new one whole.
 * `copyFile` tries a copy-on-write clone first (instant on btrfs/XFS reflink).
 */
export async function writeSnapshot(connection: DuckDBConnection, path: string): Promise<string> {
  await connection.run('CHECKPOINT');
  const wal = await stat(`${path}.wal`).catch(() => undefined);
  if (wal !== undefined && wal.size > 0) {
    // The copy would miss what only the WAL holds; try again at the next interval.
    throw new Error(`CHECKPOINT left ${wal.size} bytes in ${path}.wal; snapshot skipped`);
  }
  const target = snapshotPath(path);
  const temporary = `${target}.tmp`;
  try {
    await copyFile(path, temporary, constants.COPYFILE_FICLONE);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return target;
}

/** Identity of a file's current content (replaced by rename → new inode). */
export async function fileIdentity(path: string): Promise<string> {
  const info = await stat(path);
  return `${info.ino}:${info.size}:${info.mtimeMs}`;
}
