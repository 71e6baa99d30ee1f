import type { KubeletTarget } from '../targets/kubelet-target.js';

/** `summary` = GET /stats/summary/ (JSON, every metric); `resource` = GET /metrics/resource (cpu and memory). */
export type KubeletEndpoint = 'summary' | 'resource';

/** The address parts of a target a client needs. */
export type KubeletAddress = Pick<KubeletTarget, 'nodeName' | 'address' | 'port'>;

/**
 * Fetches one endpoint of one kubelet. Implementations reject with the classified errors of
 * kubelet-errors.ts (or the signal's reason when it aborts) and never retry: the next
 * resolution is the retry. Behind an interface so that the scraper is tested with fakes.
 */
export interface KubeletClient {
  /** The body as received: bytes (decoders read JSON from them directly) or text (fakes). */
  get(
    target: KubeletAddress,
    endpoint: KubeletEndpoint,
    signal: AbortSignal,
  ): Promise<string | Uint8Array>;
  /**
   * The caller is done with a body `get` returned (decoded, nothing of it kept): its memory may
   * carry the next body. Optional; a body not given back is simply garbage-collected.
   */
  recycle?(body: string | Uint8Array): void;
  /** Closes idle connections; requests in flight are aborted. Idempotent. */
  close(): Promise<void>;
}

export const ENDPOINT_PATHS: Readonly<Record<KubeletEndpoint, string>> = {
  // Heapster's path, trailing slash included; kubelets serve both spellings.
  summary: '/stats/summary/',
  resource: '/metrics/resource',
};

/** `scheme://address:port`, with brackets around an IPv6 address. */
export function kubeletOrigin(scheme: 'http' | 'https', target: KubeletAddress): string {
  const host = target.address.includes(':') ? `[${target.address}]` : target.address;
  return `${scheme}://${host}:${target.port}`;
}
