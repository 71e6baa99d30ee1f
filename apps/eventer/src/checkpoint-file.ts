import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isComparableResourceVersion } from '@heapster/sink';

/** One sink's entry: every event version up to `resourceVersion` is known to be exported. */
export interface CheckpointEntry {
  readonly resourceVersion: string;
  /** When the entry last moved (ISO 8601). */
  readonly updatedAt: string;
}

/** The file's shape (version 1). Unknown sinks' entries are kept: a sink removed and re-added resumes. */
export interface CheckpointDocument {
  readonly version: 1;
  readonly savedAt: string;
  readonly sinks: Readonly<Record<string, CheckpointEntry>>;
}

/**
 * The eventer's local checkpoint: a small JSON file replaced atomically (write a temp file,
 * fsync it, rename it over the old one, fsync the directory), so that a crash at any point
 * leaves either the old or the new checkpoint — never a torn one.
 */
export class CheckpointFile {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  /** The saved entries; an absent file is an empty checkpoint. Throws on an unreadable file, naming it. */
  async load(): Promise<Map<string, CheckpointEntry>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`checkpoint file ${this.path} is not JSON: ${(error as Error).message}`);
    }
    const document = parsed as Partial<CheckpointDocument>;
    if (document?.version !== 1 || typeof document.sinks !== 'object' || document.sinks === null)
      throw new Error(`checkpoint file ${this.path} is not a version 1 eventer checkpoint`);
    const entries = new Map<string, CheckpointEntry>();
    for (const [id, entry] of Object.entries(document.sinks)) {
      const rv = (entry as Partial<CheckpointEntry>)?.resourceVersion;
      if (typeof rv !== 'string' || !isComparableResourceVersion(rv))
        throw new Error(
          `checkpoint file ${this.path}: sink "${id}" has no decimal resourceVersion`,
        );
      entries.set(id, { resourceVersion: rv, updatedAt: String(entry.updatedAt ?? '') });
    }
    return entries;
  }

  /** Replaces the file atomically and durably with `entries`. */
  async save(entries: ReadonlyMap<string, CheckpointEntry>, now: Date): Promise<void> {
    const document: CheckpointDocument = {
      version: 1,
      savedAt: now.toISOString(),
      sinks: Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
    const directory = dirname(this.path);
    await mkdir(directory, { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w', 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(document, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    // The rename itself is durable only once the directory entry is flushed.
    const dir = await open(directory, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
