import type { Logger } from '@heapster/runtime';
import type { ScrapeFailureClass } from '../client/kubelet-errors.js';
import type { SkippedNode } from '../targets/kubelet-target.js';

type State =
  | { readonly state: 'ok' }
  | { readonly state: 'failing'; readonly cause: ScrapeFailureClass; readonly since: number }
  | { readonly state: 'skipped'; readonly cause: string };

export interface NodeStateCounts {
  readonly ok: number;
  readonly failing: number;
  readonly skipped: number;
}

/**
 * Remembers how each node's last scrape went and logs only changes: a node that starts
 * failing (with the cause), changes cause, recovers, or is skipped. A broken node therefore
 * costs one line, not one per resolution, and its recovery is never silent.
 */
export class NodeHealth {
  private readonly _logger: Logger;
  private _states = new Map<string, State>();

  constructor(logger: Logger) {
    this._logger = logger;
  }

  /**
   * Records one scrape round. Nodes absent from the round are forgotten (they left the
   * cluster); their names are returned so per-node metrics can be dropped.
   */
  record(
    ok: readonly string[],
    failed: readonly { node: string; reason: string; class: ScrapeFailureClass }[],
    skipped: readonly SkippedNode[],
    now: number,
  ): { counts: NodeStateCounts; gone: string[] } {
    const next = new Map<string, State>();
    for (const node of ok) {
      const before = this._states.get(node);
      if (before?.state === 'failing') {
        this._logger.info('kubelet scrape recovered', {
          node,
          failedForMs: now - before.since,
          cause: before.cause,
        });
      } else if (before?.state === 'skipped') {
        this._logger.info('node is scraped again', { node, was: before.cause });
      }
      next.set(node, { state: 'ok' });
    }
    for (const failure of failed) {
      const before = this._states.get(failure.node);
      const since = before?.state === 'failing' ? before.since : now;
      if (before?.state !== 'failing' || before.cause !== failure.class) {
        this._logger.warn('kubelet scrape failing', {
          node: failure.node,
          cause: failure.class,
          error: failure.reason,
          ...(before?.state === 'failing' ? { previousCause: before.cause } : {}),
        });
      }
      next.set(failure.node, { state: 'failing', cause: failure.class, since });
    }
    for (const skip of skipped) {
      const before = this._states.get(skip.node);
      if (before?.state !== 'skipped' || before.cause !== skip.reason) {
        const log = skip.reason === 'not_ready' ? this._logger.info : this._logger.warn;
        log.call(this._logger, 'node not scraped', {
          node: skip.node,
          reason: skip.reason,
          detail: skip.detail,
        });
      }
      next.set(skip.node, { state: 'skipped', cause: skip.reason });
    }
    const gone = [...this._states.keys()].filter(node => !next.has(node));
    this._states = next;
    return { counts: { ok: ok.length, failing: failed.length, skipped: skipped.length }, gone };
  }
}
