import type { Clock, Logger } from '@heapster/runtime';
import type { TaskScheduler } from '@heapster/sink';
import type { CheckpointEntry, CheckpointFile } from './checkpoint-file.js';

export interface CheckpointSaverOptions {
  /** undefined: no file (--checkpoint-file=""); entries are kept in memory only. */
  readonly file: CheckpointFile | undefined;
  readonly initial: ReadonlyMap<string, CheckpointEntry>;
  /** Saves at most this often while checkpoints move (a crash re-exports at most this much). */
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly scheduler: TaskScheduler;
}

/**
 * Collects checkpoint moves from the sink manager and writes them to the file at most once per
 * interval, one write at a time, plus once at shutdown. Losing the last interval on a crash
 * only means those events are exported again (sinks dedupe on uid + resourceVersion).
 */
export class CheckpointSaver {
  private readonly _options: CheckpointSaverOptions;
  private readonly _entries: Map<string, CheckpointEntry>;
  private _dirty = false;
  private _saving: Promise<void> | undefined;
  private _cancel: (() => void) | undefined;
  private _lastSavedAt: number | undefined;
  private _failing = false;
  private _writes = 0;
  private _failures = 0;

  constructor(options: CheckpointSaverOptions) {
    this._options = options;
    this._entries = new Map(options.initial);
  }

  /** When the file was last written (epoch ms); undefined before the first write. */
  get lastSavedAt(): number | undefined {
    return this._lastSavedAt;
  }

  get writes(): number {
    return this._writes;
  }

  get failures(): number {
    return this._failures;
  }

  entries(): ReadonlyMap<string, CheckpointEntry> {
    return this._entries;
  }

  update(id: string, resourceVersion: string): void {
    const updatedAt = new Date(this._options.clock.now()).toISOString();
    this._entries.set(id, { resourceVersion, updatedAt });
    this._dirty = true;
  }

  start(): void {
    if (this._options.file === undefined || this._cancel !== undefined) return;
    const tick = (): void => {
      this._cancel = this._options.scheduler.schedule(this._options.intervalMs, () => {
        void this.saveNow().finally(tick);
      });
    };
    tick();
  }

  stop(): void {
    this._cancel?.();
    this._cancel = undefined;
  }

  /** Writes the entries if they changed since the last write; never two writes at once; never rejects. */
  async saveNow(): Promise<void> {
    while (this._saving !== undefined) await this._saving;
    const file = this._options.file;
    if (!this._dirty || file === undefined) return;
    this._dirty = false;
    const snapshot = new Map(this._entries);
    this._saving = file
      .save(snapshot, new Date(this._options.clock.now()))
      .then(
        () => {
          this._writes += 1;
          this._lastSavedAt = this._options.clock.now();
          if (this._failing)
            this._options.logger.info('checkpoint file writable again', { path: file.path });
          this._failing = false;
        },
        (error: unknown) => {
          this._failures += 1;
          this._dirty = true;
          if (!this._failing)
            this._options.logger.warn(
              'cannot write the checkpoint file; a restart will re-export more',
              {
                path: file.path,
                error: String(error),
              },
            );
          this._failing = true;
        },
      )
      .finally(() => {
        this._saving = undefined;
      });
    await this._saving;
  }
}
