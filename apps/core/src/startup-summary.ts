import { formatDuration } from '@heapster/model';
import type { CoreConfig } from './core-config.js';

/** The effective configuration as one structured log record, with every secret masked. */
export function startupSummary(config: CoreConfig, version: string): Record<string, unknown> {
  const { options } = config;
  return {
    version,
    source: config.sourceMasked,
    apiServer: config.kube.server,
    credentials: config.kube.origin,
    kubelet: {
      scheme: config.kubelet.scheme,
      port: config.kubelet.port,
      useNodeStatusPort: config.kubelet.useNodeStatusPort,
      addressTypes: config.kubelet.addressTypes.join(','),
      endpoint: config.kubelet.endpoint,
      timeout: formatDuration(config.kubeletTimeoutMs),
      readWorkers: config.kubelet.endpoint === 'summary' ? options.readWorkers : 0,
    },
    sinks: config.sinks.map(sink => sink.uri.masked),
    metricResolution: formatDuration(options.metricResolutionMs),
    sinkExportTimeout: formatDuration(options.sinkExportTimeoutMs),
    listen: `${options.listenIp || '0.0.0.0'}:${options.heapsterPort}`,
    metricSink: !options.disableMetricSink,
    apiServerMode: options.apiServer
      ? `${options.secure.bindAddress}:${options.secure.port}`
      : 'off',
  };
}
