import type { LogFields, Logger } from '@heapster/runtime';

/** Distinct causes remembered; past this, new causes are still counted but no longer logged. */
const MAX_CAUSES = 64;

/**
 * Logs each cause of a permanent failure once (a refused metric type fails every batch the
 * same way; logging it every minute buries everything else), counting repeats. A cause is the
 * status code plus the message with numbers blanked, so "point 17 of series 3" and "point 4
 * of series 9" are one cause.
 */
export class CauseLog {
  private readonly _seen = new Map<string, number>();

  constructor(private readonly _logger: Logger) {}

  /** Returns true when this cause was logged now (seen for the first time). */
  report(code: string, message: string, fields: LogFields = {}): boolean {
    const key = `${code}: ${message.replace(/\d+/g, '#').slice(0, 200)}`;
    const seen = this._seen.get(key);
    if (seen !== undefined) {
      this._seen.set(key, seen + 1);
      return false;
    }
    if (this._seen.size >= MAX_CAUSES) return false;
    this._seen.set(key, 1);
    this._logger.error('Cloud Monitoring refused time series (logged once per cause)', {
      code,
      error: message,
      ...fields,
    });
    return true;
  }

  /** How often a cause was reported, for tests and debugging. */
  count(code: string, message: string): number {
    return this._seen.get(`${code}: ${message.replace(/\d+/g, '#').slice(0, 200)}`) ?? 0;
  }
}
