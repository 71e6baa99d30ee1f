import type { LogFields, Logger } from '@heapster/runtime';

/** Distinct causes remembered; past this, new causes are still counted but no longer logged. */
const MAX_CAUSES = 64;

/**
 * Logs each cause of a permanent failure once (a refused metric type or a missing permission
 * fails every batch the same way; logging it every minute buries everything else), counting
 * repeats. A cause is the status code plus the message with numbers blanked, so "point 17 of
 * series 3" and "point 4 of series 9" are one cause.
 */
export class CauseLog {
  private readonly _seen = new Map<string, number>();
  private readonly _logger: Logger;
  private readonly _headline: string;

  /** `headline` is the log message, e.g. "Cloud Logging refused event entries (logged once per cause)". */
  constructor(logger: Logger, headline: string) {
    this._logger = logger;
    this._headline = headline;
  }

  /** Returns true when this cause was logged now (seen for the first time). */
  report(code: string, message: string, fields: LogFields = {}): boolean {
    const key = causeKey(code, message);
    const seen = this._seen.get(key);
    if (seen !== undefined) {
      this._seen.set(key, seen + 1);
      return false;
    }
    if (this._seen.size >= MAX_CAUSES) return false;
    this._seen.set(key, 1);
    this._logger.error(this._headline, { code, error: message, ...fields });
    return true;
  }

  /** How often a cause was reported, for tests and debugging. */
  count(code: string, message: string): number {
    return this._seen.get(causeKey(code, message)) ?? 0;
  }
}

function causeKey(code: string, message: string): string {
  return `${code}: ${message.replace(/\d+/g, '#').slice(0, 200)}`;
}
