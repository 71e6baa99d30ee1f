import { MetricCatalogue } from '@heapster/model';
import type { MetricStore } from '@heapster/store-memory';
import type { FastifyInstance } from 'fastify';
import { batchStream } from '../batch-stream.js';
import { metricExportSchema } from './export-schema.js';
import { renderMetricExport } from './metric-export.js';

export interface MetricExportOptions {
  readonly store: MetricStore;
  /** Heapster's `--disable_export`: the export route answers `[]`. */
  readonly disableExport: boolean;
}

/** `/api/v1/metric-export` (streamed) and `/api/v1/metric-export-schema`. */
export async function metricExportPlugin(
  app: FastifyInstance,
  options: MetricExportOptions,
): Promise<void> {
  const staticCatalogue = new MetricCatalogue();
  app.get(
    '/api/v1/metric-export',
    { config: { handler: 'exportMetrics' } },
    async (_request, reply) => {
      const batch = options.disableExport ? undefined : options.store.latest()?.batch;
      const body = batchStream(batch, renderMetricExport(batch));
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
  app.get(
    '/api/v1/metric-export-schema',
    { config: { handler: 'exportMetricsSchema' } },
    async () => metricExportSchema(options.store.latest()?.batch.metrics ?? staticCatalogue),
  );
}
