// Public surface of @heapster/source-kubelet: name every export.

// Pure decoders (docs/architecture.md "Batch conventions").
export { DecodeError } from './decode/decode-error.js';
export { decodeSummary } from './summary/decode-summary.js';
export type { SummaryContext, SummaryDecodeResult } from './summary/summary-writer.js';
export type { Summary } from './summary/summary-types.js';
export { decodeResourceMetrics } from './resource/decode-resource-metrics.js';
export type { ResourceDecodeResult } from './resource/decode-resource-metrics.js';

// Node → scrape target.
export { DEFAULT_ADDRESS_TYPES, resolveKubeletTargets } from './targets/resolve-targets.js';
export type {
  KubeletNode,
  ResolvedTargets,
  TargetResolutionOptions,
} from './targets/resolve-targets.js';
export type { KubeletTarget, SkippedNode, SkipReason } from './targets/kubelet-target.js';

// Kubelet client.
export type { KubeletAddress, KubeletClient, KubeletEndpoint } from './client/kubelet-client.js';
export { HttpKubeletClient } from './client/http-kubelet-client.js';
export type { HttpKubeletClientOptions } from './client/http-kubelet-client.js';
export { createKubeletClient } from './client/create-kubelet-client.js';
export type {
  CreateKubeletClientOptions,
  KubeletConnectionSettings,
  KubeletCredentialSettings,
} from './client/create-kubelet-client.js';
export { fileBearerToken, loadKubeletTls, staticBearerToken } from './client/credentials.js';
export type {
  BearerTokenSource,
  KubeletTlsFiles,
  KubeletTlsMaterial,
} from './client/credentials.js';
export {
  classifyScrapeError,
  KubeletConnectionError,
  KubeletHttpError,
  KubeletNotFoundError,
  KubeletRejectedError,
  ResponseTooLargeError,
  ScrapeAbortedError,
} from './client/kubelet-errors.js';
export type { ScrapeFailureClass } from './client/kubelet-errors.js';

// The scrape.
export { SummaryReadWorkers } from './read-worker/summary-read-workers.js';
export type { SummaryReadWorkersOptions } from './read-worker/summary-read-workers.js';
export { KubeletScraper } from './scrape/kubelet-scraper.js';
export type {
  KubeletScraperOptions,
  MetricsScraper,
  ScrapeFailure,
  ScrapeOptions,
  ScrapeReport,
} from './scrape/kubelet-scraper.js';
export {
  defaultKubeletTimeoutMs,
  kubeletTimeoutProblems,
  longestKubeletTimeoutMs,
  maxStaggerMs,
  validateKubeletTimeout,
} from './scrape/scrape-timing.js';
