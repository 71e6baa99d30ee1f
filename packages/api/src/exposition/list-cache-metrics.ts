import { Counter, Gauge, type Registry } from 'prom-client';
import type { MetricsResponseCache } from '../metrics-api/metrics-response-cache.js';

const LISTS = ['pods', 'nodes'] as const;
const BYTES = 'heapster_metrics_api_list_bytes';
const COMPRESS = 'heapster_metrics_api_list_compress_seconds';
const GZIP_RESPONSES = 'heapster_metrics_api_list_gzip_responses_total';

/**
 * Self-metrics of the metrics.k8s.io list cache, read from `cache.stats()` at each scrape of
 * /metrics: the held lists' sizes plain and gzipped, the wall time of their compression on the
 * thread pool, and how many responses got the gzipped list. The core benchmark reads them. An
 * app built again on the same registry reports its own cache (the older one's are replaced).
 */
export function registerListCacheMetrics(registry: Registry, cache: MetricsResponseCache): void {
  for (const name of [BYTES, COMPRESS, GZIP_RESPONSES]) registry.removeSingleMetric(name);
  new Gauge({
    name: BYTES,
    help: 'Size of the newest unfiltered metrics.k8s.io list held, by encoding.',
    labelNames: ['list', 'encoding'],
    registers: [registry],
    collect() {
      const stats = cache.stats();
      for (const list of LISTS) {
        this.set({ list, encoding: 'identity' }, stats[list].bytes);
        this.set({ list, encoding: 'gzip' }, stats[list].gzipBytes);
      }
    },
  });
  new Gauge({
    name: COMPRESS,
    help: 'Wall time of gzipping the newest unfiltered metrics.k8s.io list (thread pool), seconds.',
    labelNames: ['list'],
    registers: [registry],
    collect() {
      const stats = cache.stats();
      for (const list of LISTS) {
        const ms = stats[list].compressMs;
        if (Number.isNaN(ms)) this.remove({ list });
        else this.set({ list }, ms / 1000);
      }
    },
  });
  new Counter({
    name: GZIP_RESPONSES,
    help: 'Responses that got the gzipped unfiltered metrics.k8s.io list.',
    labelNames: ['list'],
    registers: [registry],
    collect() {
      const stats = cache.stats();
      this.reset();
      for (const list of LISTS) this.inc({ list }, stats[list].gzipResponses);
    },
  });
}
