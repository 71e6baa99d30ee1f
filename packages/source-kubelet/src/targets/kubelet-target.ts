/** One kubelet to scrape: where it listens and the labels its rows carry. */
export interface KubeletTarget {
  /** The Node object's name (`nodename`). */
  readonly nodeName: string;
  /** IP address or host name to connect to. */
  readonly address: string;
  readonly port: number;
  /** The node's Hostname address, else its name (`hostname`). */
  readonly hostname: string;
  /** spec.externalID, else the host_id annotation, else '' (`host_id`). */
  readonly hostId: string;
  /** The Ready condition is True; a target that is not ready is reported as skipped. */
  readonly ready: boolean;
}

/** Why a node is not scraped this round. */
export type SkipReason = 'not_ready' | 'no_address';

/** A node left out of a scrape, with the reason (reported and counted, never silently dropped). */
export interface SkippedNode {
  readonly node: string;
  readonly reason: SkipReason;
  /** For a person: which condition or which addresses. */
  readonly detail: string;
}
