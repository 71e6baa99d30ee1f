// Public surface of @heapster/processors: name every export.
export type {
  ContainerSpecInfo,
  NamespaceSource,
  NamespaceSpecInfo,
  NodeSource,
  NodeSpecInfo,
  PodSource,
  PodSpecInfo,
  ResourceAmountsInfo,
} from './cluster-sources.js';
export { ClusterAggregator } from './cluster-aggregator.js';
export type { DataProcessor } from './data-processor.js';
export { heapsterProcessors } from './heapster-processors.js';
export type { HeapsterProcessors, HeapsterProcessorsOptions } from './heapster-processors.js';
export { LabelCopier } from './label-copier.js';
export type { LabelCopierOptions } from './label-copier.js';
export { NamespaceAggregator } from './namespace-aggregator.js';
export { NamespaceEnricher } from './namespace-enricher.js';
export { NodeAggregator } from './node-aggregator.js';
export { NodeAutoscalingEnricher } from './node-autoscaling-enricher.js';
export type { NodeAutoscalingEnricherOptions } from './node-autoscaling-enricher.js';
export { PodAggregator } from './pod-aggregator.js';
export { PodEnricher } from './pod-enricher.js';
export type { PodEnricherOptions } from './pod-enricher.js';
export { ProcessorChain } from './processor-chain.js';
export type { ProcessorChainOptions, ProcessorFailure } from './processor-chain.js';
export { RateCalculator } from './rate-calculator.js';
export type { RateCalculatorOptions } from './rate-calculator.js';
export { MAX_CPU_RATE_MILLICORES, MAX_RATE_PER_SECOND } from './rate-rules.js';
export type { RateStats } from './rate-stats.js';
