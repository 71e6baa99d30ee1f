import type { EntityTable, MetricAggregation, MetricRegistry } from '@heapster/model';

/** Which aggregator is summing: the `aggregation` flag of the catalogue it follows. */
export type AggregationLevel = keyof MetricAggregation;

/**
 * Sums child rows into parent rows, column by column, for every metric of the child table
 * whose catalogue `aggregation[level]` flag is set. `parentOf[childRow]` is the parent row, or
 * -1 for a child that is not summed. Absent (NaN) values are skipped; a parent gets a metric
 * only when some child has it. Sums are plain float additions in row order (exact for the
 * integer-valued metrics below 2^53).
 *
 * With `keepSourceValues`, a parent that already had the metric before summing keeps it and
 * its children are not added (Heapster's pod aggregator: a pod-level value from the kubelet
 * wins over the sum of its containers).
 */
export function sumInto(
  metrics: MetricRegistry,
  child: EntityTable,
  parent: EntityTable,
  parentOf: Int32Array,
  level: AggregationLevel,
  keepSourceValues: boolean,
): void {
  for (const id of child.metricIds()) {
    if (metrics.byId(id)?.aggregation[level] !== true) continue;
    const source = child.column(id) as Float64Array;
    let target = parent.column(id);
    let had: Uint8Array | undefined;
    if (keepSourceValues && target !== undefined) {
      had = new Uint8Array(parent.size);
      for (let row = 0; row < parent.size; row++)
        had[row] = Number.isNaN(target[row] as number) ? 0 : 1;
    }
    for (let row = 0; row < child.size; row++) {
      const into = parentOf[row] as number;
      const value = source[row] as number;
      if (into < 0 || Number.isNaN(value) || had?.[into] === 1) continue;
      if (target === undefined) {
        parent.setValue(into, id, value);
        target = parent.column(id) as Float64Array;
        continue;
      }
      const current = target[into] as number;
      target[into] = Number.isNaN(current) ? value : current + value;
    }
  }
}
