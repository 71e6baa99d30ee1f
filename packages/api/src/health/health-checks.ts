import type { Clock } from '@heapster/runtime';
import type { MetricStore } from '@heapster/store-memory';

/** The outcome of one check; `reason` says why (not) ok, for the body and for logs. */
export interface HealthStatus {
  readonly ok: boolean;
  readonly reason: string;
}

/** A named check of `/readyz` (Kubernetes style: `[+]name ok` / `[-]name failed: reason`). */
export interface HealthCheck {
  readonly name: string;
  check(): HealthStatus;
}

export interface LoopLivenessOptions {
  /** When the newest scrape tick started, epoch ms; undefined before the first. */
  readonly lastTickStartedMs: () => number | undefined;
  readonly resolutionMs: number;
  readonly clock: Clock;
}

/** Liveness is lost after this many resolutions without a tick start (metrics-server's rule). */
export const LIVENESS_TOLERANCE = 1.5;

/**
 * metrics-server's liveness rule: the scrape loop is alive while its newest tick started
 * within 1.5 × resolution. Before the first tick the time this check was made counts as the
 * start, so a fresh process is live for 1.5 resolutions.
 */
export function loopLiveness(options: LoopLivenessOptions): () => HealthStatus {
  const createdMs = options.clock.now();
  const limitMs = LIVENESS_TOLERANCE * options.resolutionMs;
  return () => {
    const last = options.lastTickStartedMs();
    const ageMs = options.clock.now() - (last ?? createdMs);
    if (ageMs <= limitMs) {
      return {
        ok: true,
        reason:
          last === undefined
            ? 'waiting for the first tick'
            : `last tick started ${seconds(ageMs)} ago`,
      };
    }
    const what = last === undefined ? 'no scrape tick has started' : 'the last scrape tick started';
    return {
      ok: false,
      reason: `${what} ${seconds(ageMs)} ${last === undefined ? 'after start' : 'ago'}, more than ${LIVENESS_TOLERANCE} × resolution (${seconds(limitMs)})`,
    };
  };
}

/** The recent store's readiness (rates for at least one node and, if any, one pod) as a check. */
export function storeReadiness(store: Pick<MetricStore, 'readiness'>): HealthCheck {
  return {
    name: 'metric-storage-ready',
    check: () => {
      const { ready, reason } = store.readiness();
      return { ok: ready, reason };
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`;
}
