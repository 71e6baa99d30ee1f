// Public surface of @heapster/api: name every export.
// Coded errors (docs/errors.md): shared by every route plugin of this package.
export { ApiError, badParameter, entityNotFound, unknownMetric } from './errors/api-error.js';
export type { ApiErrorOptions } from './errors/api-error.js';
export { heapsterErrorBody, kubernetesStatus, toApiError } from './errors/error-bodies.js';
export type { HeapsterErrorBody, KubernetesStatus } from './errors/error-bodies.js';
export { API_ERROR_CODES, isApiErrorCode } from './errors/error-codes.js';
export type { ApiErrorCode, ApiErrorSpec } from './errors/error-codes.js';
export { errorStyleOf, installErrorHandling, sendApiError } from './errors/error-handling.js';
export type { ErrorStyle } from './errors/error-handling.js';
// The app factory (README "Routes"): health, self-metrics, exposition, model API, metric-export.
export { buildApiApp } from './app.js';
export { resolveApiAppOptions } from './app-options.js';
export type { ApiAppDeps, ApiAppOptions, ResolvedApiAppOptions } from './app-options.js';
export { loopLiveness, LIVENESS_TOLERANCE, storeReadiness } from './health/health-checks.js';
export type { HealthCheck, HealthStatus, LoopLivenessOptions } from './health/health-checks.js';
export { healthPlugin } from './health/health-routes.js';
export type { HealthRouteOptions } from './health/health-routes.js';
// Prometheus exposition of everything collected (docs/prometheus.md) and Heapster's self-metrics.
export { DEFAULT_EXPOSITION_PATH, expositionPlugin } from './exposition/exposition-routes.js';
export type { ExpositionRouteOptions } from './exposition/exposition-routes.js';
export { EXPOSITION_CONTENT_TYPE, renderExposition } from './exposition/exposition-renderer.js';
export type { ExpositionOptions } from './exposition/exposition-renderer.js';
export { httpMetrics, instrumentHttp } from './exposition/http-metrics.js';
export type { HttpMetrics } from './exposition/http-metrics.js';
export {
  EXPOSITION_PREFIX,
  prometheusLabelName,
  prometheusMetricName,
  prometheusType,
} from './exposition/prometheus-names.js';
export { SELF_METRICS_PATH, selfMetricsPlugin } from './exposition/self-metrics-routes.js';
export type { SelfMetricsOptions } from './exposition/self-metrics-routes.js';
// Heapster's model API and metric-export (README "Model API").
export { metricExportPlugin } from './model-api/export-routes.js';
export type { MetricExportOptions } from './model-api/export-routes.js';
export { metricExportSchema } from './model-api/export-schema.js';
export type { SchemaLabel, SchemaMetric, TimeseriesSchema } from './model-api/export-schema.js';
export type {
  MetricResult,
  MetricResultList,
  ModelMetricPoint,
} from './model-api/metric-result.js';
export { renderMetricExport } from './model-api/metric-export.js';
export type { ExportPoint, Timeseries } from './model-api/metric-export.js';
export { MODEL_API_PREFIX, modelApiPlugin } from './model-api/model-routes.js';
export type { ModelApiOptions } from './model-api/model-routes.js';
export { formatGoTime, parseRfc3339 } from './model-api/rfc3339.js';
// metrics.k8s.io (v1beta1, v1alpha1), its discovery and /api/v1/nodes (README "Resource Metrics API").
export { metricsApiPlugin } from './metrics-api/metrics-api-plugin.js';
export type { MetricsApiOptions } from './metrics-api/metrics-api-plugin.js';
export { MetricsResponseCache } from './metrics-api/metrics-response-cache.js';
export type {
  ListCacheStats,
  MetricsResponseCacheOptions,
  MetricsResponseCacheStats,
} from './metrics-api/metrics-response-cache.js';
export type { RenditionStats } from './metrics-api/list-rendition.js';
export type {
  NodeDirectory,
  NodeView,
  PodDirectory,
  PodView,
  ResourceView,
} from './metrics-api/directories.js';
export type { VersionInfo } from './discovery/discovery-documents.js';
// Response compression (README "Compression"): Accept-Encoding negotiation, gzip level.
export { preferredCoding } from './compression/accept-encoding.js';
export type { ContentCoding } from './compression/accept-encoding.js';
export {
  COMPRESS_MIN_BYTES,
  GZIP_LEVEL,
  registerCompression,
} from './compression/response-compression.js';
// Aggregated-API mode and Heapster's own TLS flags (README "Security").
export { createSecureServer } from './security/secure-server.js';
export type { SecureServerOptions } from './security/secure-server.js';
export { delegatedAuth, requestUser } from './security/delegated-auth.js';
export type { DelegatedAuth, DelegatedAuthOptions } from './security/delegated-auth.js';
export type { RequestHeaderConfig } from './security/authenticators.js';
export { AccessReviewAuthorizer } from './security/access-review-authorizer.js';
export type { AccessReviewOptions, Authorizer } from './security/access-review-authorizer.js';
export { ApiReviewClient } from './security/api-review-client.js';
export type { ReviewTransport } from './security/api-review-client.js';
export { HttpReviewClient, HttpReviewTransport } from './security/http-review-client.js';
export type { ReviewServerConfig } from './security/http-review-client.js';
export type { AccessDecision, ReviewClient, TokenReviewResult } from './security/review-client.js';
export type { AccessAttributes, UserInfo } from './security/user-info.js';
export { heapsterTls } from './security/heapster-tls.js';
export type { HeapsterTls, HeapsterTlsOptions } from './security/heapster-tls.js';
export { loadServingCertificate } from './security/serving-certificate.js';
export type {
  ServingCertificate,
  ServingCertificateOptions,
} from './security/serving-certificate.js';
