import { Counter, Gauge, Summary, type Registry } from 'prom-client';

/**
 * Self-metrics of the kubelet source, with Heapster's names where Heapster had one (heapster.md
 * §9). Labels stay bounded: per-node series only for request latency (as Heapster), removed when
 * the node leaves the cluster; failures by class, nodes by state.
 */
export class ScraperMetrics {
  readonly requestDuration: Summary<'node'>;
  readonly scrapeDuration: Summary<'source'>;
  readonly lastScrape: Gauge<'source'>;
  readonly failures: Counter<'reason'>;
  readonly skipped: Counter<'reason'>;
  readonly nodes: Gauge<'state'>;

  constructor(registry: Registry, endpoint: 'summary' | 'resource') {
    const latencyHelp = 'Time to fetch one kubelet response, in milliseconds.';
    this.requestDuration = new Summary({
      // Heapster's names: the summary source's, and the legacy source's for the other endpoint.
      name:
        endpoint === 'summary'
          ? 'heapster_kubelet_summary_request_duration_milliseconds'
          : 'heapster_kubelet_request_duration_milliseconds',
      help: latencyHelp,
      labelNames: ['node'],
      percentiles: [0.5, 0.9, 0.99],
      maxAgeSeconds: 600,
      ageBuckets: 2,
      registers: [registry],
    });
    this.scrapeDuration = new Summary({
      name: 'heapster_scraper_duration_milliseconds',
      help: 'Time to scrape every kubelet once, in milliseconds.',
      labelNames: ['source'],
      percentiles: [0.5, 0.9, 0.99],
      registers: [registry],
    });
    this.lastScrape = new Gauge({
      name: 'heapster_scraper_last_time_seconds',
      help: 'When the last scrape of every kubelet finished, in seconds since the epoch.',
      labelNames: ['source'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'heapster_kubelet_scrape_failures_total',
      help: 'Failed kubelet scrapes by class (timeout, unreachable, tls, unauthorized, http_error, decode, …).',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.skipped = new Counter({
      name: 'heapster_kubelet_skipped_nodes_total',
      help: 'Nodes left out of a scrape, by reason (not_ready, no_address).',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.nodes = new Gauge({
      name: 'heapster_kubelet_nodes',
      help: 'Nodes by the state of their last scrape: ok, failing or skipped.',
      labelNames: ['state'],
      registers: [registry],
    });
  }
}
