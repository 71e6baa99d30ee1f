import { ConfigError, type FieldProblem } from '@heapster/runtime';

/** Heapster's and metrics-server's stagger: 8 ms per node, at most 4 s. */
export const STAGGER_PER_NODE_MS = 8;
export const MAX_STAGGER_MS = 4000;
/** metrics-server's default kubelet request timeout. */
export const DEFAULT_KUBELET_TIMEOUT_MS = 10_000;

/**
 * The longest random delay before a node's request: min(8 ms × nodes, 4 s), and never more than
 * a tenth of the resolution, so that at a 5 s resolution the stagger leaves time to scrape.
 */
export function maxStaggerMs(
  nodes: number,
  resolutionMs: number,
  perNodeMs = STAGGER_PER_NODE_MS,
  capMs = MAX_STAGGER_MS,
): number {
  return Math.max(0, Math.min(perNodeMs * nodes, capMs, resolutionMs / 10));
}

/** The per-node timeout when none is configured: 10 s, or less when the resolution needs it. */
export function defaultKubeletTimeoutMs(resolutionMs: number): number {
  return Math.min(DEFAULT_KUBELET_TIMEOUT_MS, longestKubeletTimeoutMs(resolutionMs));
}

/**
 * The longest per-node timeout a resolution allows: the stagger plus the timeout must end
 * within 90 % of the resolution, leaving the rest for processing and export before the next
 * scrape (metrics-server checks `resolution × 9/10 ≥ timeout`; we also count the stagger).
 */
export function longestKubeletTimeoutMs(resolutionMs: number): number {
  return Math.floor(resolutionMs * 0.9 - maxStaggerMs(Number.POSITIVE_INFINITY, resolutionMs));
}

/** What is wrong with a kubelet timeout for a resolution, by option name; [] when nothing. */
export function kubeletTimeoutProblems(timeoutMs: number, resolutionMs: number): FieldProblem[] {
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    return [
      { field: 'kubeletTimeout', message: `must be a positive duration, got ${timeoutMs} ms` },
    ];
  }
  const longest = longestKubeletTimeoutMs(resolutionMs);
  if (timeoutMs > longest) {
    return [
      {
        field: 'kubeletTimeout',
        message:
          `${timeoutMs} ms does not fit the ${resolutionMs} ms metric_resolution: at most ${longest} ms ` +
          `(the stagger takes up to ${maxStaggerMs(Number.POSITIVE_INFINITY, resolutionMs)} ms and ` +
          'processing needs the last 10 %)',
      },
    ];
  }
  return [];
}

/** Start-up check: throws a ConfigError naming kubeletTimeout when it does not fit. */
export function validateKubeletTimeout(timeoutMs: number, resolutionMs: number): void {
  const problems = kubeletTimeoutProblems(timeoutMs, resolutionMs);
  if (problems.length > 0) throw new ConfigError(problems);
}
