import { EntityType, MetricId, type DataBatch, type EntityTable } from '@heapster/model';
import type { Readiness } from './metric-store.js';

/**
 * Whether a batch can serve `kubectl top` and the HPA: like metrics-server's
 * `metric-storage-ready`, it needs a CPU rate for at least one node and — when the batch has any
 * pods at all — for at least one pod. A rate needs two scrapes of a series, or the kubelet's
 * instantaneous value; memory needs one, so CPU decides. Staleness is /healthz's business.
 */
export function batchReadiness(batch: DataBatch | undefined): Readiness {
  if (batch === undefined) return { ready: false, reason: 'no batch has been stored yet' };
  const nodes = batch.table(EntityType.Node);
  const pods = batch.table(EntityType.Pod);
  const at = new Date(batch.timestamp).toISOString();
  if (nodes.size === 0) return { ready: false, reason: `the batch of ${at} has no nodes` };
  const nodeRates = countRates(nodes);
  if (nodeRates === 0) {
    return {
      ready: false,
      reason: `none of the ${nodes.size} nodes in the batch of ${at} has a CPU rate yet`,
    };
  }
  const podRates = countRates(pods);
  if (pods.size > 0 && podRates === 0) {
    return {
      ready: false,
      reason: `none of the ${pods.size} pods in the batch of ${at} has a CPU rate yet`,
    };
  }
  return {
    ready: true,
    reason: `${nodeRates} of ${nodes.size} nodes and ${podRates} of ${pods.size} pods have CPU rates in the batch of ${at}`,
  };
}

function countRates(table: EntityTable): number {
  const column = table.column(MetricId.CpuUsageRate);
  if (column === undefined) return 0;
  let count = 0;
  for (let row = 0; row < table.size; row++) if (!Number.isNaN(column[row] as number)) count++;
  return count;
}
