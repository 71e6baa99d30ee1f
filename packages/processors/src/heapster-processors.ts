import type { Logger } from '@heapster/runtime';
import type { NamespaceSource, NodeSource, PodSource } from './cluster-sources.js';
import { ClusterAggregator } from './cluster-aggregator.js';
import type { DataProcessor } from './data-processor.js';
import { LabelCopier, type LabelCopierOptions } from './label-copier.js';
import { NamespaceAggregator } from './namespace-aggregator.js';
import { NamespaceEnricher } from './namespace-enricher.js';
import { NodeAggregator } from './node-aggregator.js';
import { NodeAutoscalingEnricher } from './node-autoscaling-enricher.js';
import { PodAggregator } from './pod-aggregator.js';
import { PodEnricher } from './pod-enricher.js';
import { RateCalculator, type RateCalculatorOptions } from './rate-calculator.js';

export interface HeapsterProcessorsOptions {
  readonly pods: PodSource;
  readonly namespaces: NamespaceSource;
  readonly nodes: NodeSource;
  /** `--label_separator`, `--ignore_label`, `--store_label` (validated: ConfigError). */
  readonly labels?: LabelCopierOptions;
  readonly rates?: RateCalculatorOptions;
  readonly logger?: Logger;
}

export interface HeapsterProcessors {
  /** In Heapster's order (`metrics/heapster.go` createDataProcessorsOrDie). */
  readonly processors: readonly DataProcessor[];
  /** Also in `processors`; kept apart for `windowOf` and its stats. */
  readonly rateCalculator: RateCalculator;
  readonly labelCopier: LabelCopier;
}

/**
 * Heapster's eight processors in its order: rate calculator, pod enricher, namespace
 * enricher, pod / namespace / node / cluster aggregators, node autoscaling enricher. Each
 * step depends on the ones before it (the aggregators sum rates and requests the first three
 * wrote; the autoscaling ratios divide node sums), so the order is not configurable.
 */
export function heapsterProcessors(options: HeapsterProcessorsOptions): HeapsterProcessors {
  const labelCopier = new LabelCopier(options.labels);
  const rateCalculator = new RateCalculator(options.rates);
  const processors: DataProcessor[] = [
    rateCalculator,
    new PodEnricher({
      pods: options.pods,
      labelCopier,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    }),
    new NamespaceEnricher(options.namespaces),
    new PodAggregator(),
    new NamespaceAggregator(),
    new NodeAggregator(),
    new ClusterAggregator(),
    new NodeAutoscalingEnricher({ nodes: options.nodes, labelCopier }),
  ];
  return { processors, rateCalculator, labelCopier };
}
