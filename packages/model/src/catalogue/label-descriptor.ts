import type { EntityTypeName } from '../entity-type.js';

/** One label of the catalogue (Heapster `metrics/core/labels.go`, docs/storage-schema.md). */
export interface LabelDescriptor {
  /** Index in its catalogue; static labels have fixed ids (see `LabelId`). */
  readonly id: number;
  /** The label key exactly as Heapster wrote it. */
  readonly key: string;
  readonly description: string;
  /** Entity types whose metric sets carry it; [] for labels only sinks add. */
  readonly levels: readonly EntityTypeName[];
  /** Added by a sink on export (cluster_name, cluster, ...), never present in a batch. */
  readonly sinkSide?: boolean;
  /** Identifies one series of a labeled metric (resource_id, make, ...) rather than a metric set. */
  readonly perSeries?: boolean;
  /** Only set by Heapster's legacy cAdvisor source. */
  readonly legacyOnly?: boolean;
  /** A `--store_label` label registered at run time. */
  readonly dynamic?: boolean;
}

export type LabelSpec = Omit<LabelDescriptor, 'id'>;
