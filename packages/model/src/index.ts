// Metric and label catalogue (docs/metrics.md is generated from it).
export { DEPRECATED_METRIC_ALIASES, resolveMetricAlias } from './catalogue/aliases.js';
export { CUSTOM_METRIC_PREFIX, customNameProblem } from './catalogue/custom.js';
export type { MetricTemplate } from './catalogue/custom.js';
export { ENTITY_TYPE_KEY_LABELS } from './catalogue/entity-key-labels.js';
export {
  DEFAULT_MAX_LABELS,
  LabelCatalogue,
  LabelCatalogueError,
  storeLabelKeyProblem,
} from './catalogue/label-catalogue.js';
export type { LabelCatalogueOptions, LabelRegistry } from './catalogue/label-catalogue.js';
export type { LabelDescriptor } from './catalogue/label-descriptor.js';
export { LabelId, REMOVED_LABELS, STATIC_LABELS } from './catalogue/labels.js';
export type { StaticLabelKey } from './catalogue/labels.js';
export { renderMetricsMarkdown } from './catalogue/markdown.js';
export {
  MAX_METRIC_IDS,
  MetricCatalogue,
  MetricCatalogueError,
} from './catalogue/metric-catalogue.js';
export type { MetricCatalogueOptions, MetricRegistry } from './catalogue/metric-catalogue.js';
export type {
  MetricAggregation,
  MetricDescriptor,
  MetricFamily,
  MetricType,
  MetricUnits,
  MetricValueType,
} from './catalogue/metric-descriptor.js';
export { MetricId } from './catalogue/metric-id.js';
export type { StaticMetricKey } from './catalogue/metric-id.js';
export { cumulativeOfRate, RATE_MAPPINGS, rateMappingOf } from './catalogue/rates.js';
export type { RateMapping } from './catalogue/rates.js';
export {
  isResourceRequestName,
  RESOURCE_REQUEST_SUFFIX,
  resourceNameProblem,
  resourceOfRequestName,
} from './catalogue/resources.js';
export { FAMILY_ORDER, SEED_METRIC_NAMES, STATIC_METRICS } from './catalogue/static-metrics.js';
// Kubernetes quantities and Go durations.
export {
  DurationError,
  formatDuration,
  formatDurationNanos,
  parseDuration,
  parseDurationNanos,
} from './duration.js';
export {
  formatBytes,
  formatCpuNanoCores,
  formatMilliCPU,
  parseQuantity,
  Quantity,
  quantityFromNumber,
} from './quantity.js';
export { QuantityError } from './quantity-syntax.js';
export type { QuantityFormat } from './quantity-syntax.js';
// Batch layout (docs/architecture.md "The batch layout").
export { DataBatch } from './data-batch.js';
export type { DataBatchOptions } from './data-batch.js';
export { EntityTable } from './entity-table.js';
export type { IdentityPart } from './entity-table.js';
export {
  ENTITY_TYPES,
  EntityType,
  entityKey,
  entityTypeName,
  parseEntityTypeName,
} from './entity-type.js';
export type { EntityKeyParts, EntityTypeName } from './entity-type.js';
export { eventTime, eventVersionKey } from './event.js';
export type { KubeEvent } from './event.js';
export { LabelSetTable } from './label-set.js';
export type { LabelPair } from './label-set.js';
export { LabeledValues } from './labeled-values.js';
export type { LabeledValueVisitor } from './labeled-values.js';
export { StringTable } from './string-table.js';
export { ASCII_HASH_SEED, asciiHash, asciiHashStep } from './ascii-string-index.js';
