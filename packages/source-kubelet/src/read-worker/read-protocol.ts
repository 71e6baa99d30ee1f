import type { SummaryTape } from './summary-tape.js';

/** A body to read, where the main thread keeps it (a pooled SharedArrayBuffer). */
export interface ReadRequest {
  readonly id: number;
  readonly buffer: SharedArrayBuffer;
  readonly offset: number;
  readonly length: number;
  /** Where the tape's numbers go (pooled on the main thread; replaced when too small). */
  readonly tape: SharedArrayBuffer;
}

/**
 * The tape, or none when the fast reader could not vouch for the body (the main thread then
 * decodes it the general way, which names the field), or an unexpected error.
 */
export type ReadReply =
  | { readonly id: number; readonly tape: SummaryTape | undefined }
  | { readonly id: number; readonly error: string };
