#!/usr/bin/env node
// The `heapster` binary: flags → configuration (every problem reported at once) → wiring →
// serve until SIGTERM, then stop scraping, flush the sinks and exit within 10 s.
import { ConfigError, createLogger, handleShutdownSignals } from '@heapster/runtime';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { systemClock } from '@heapster/runtime';
import { createCore } from './core.js';
import { createCoreServers } from './http-servers.js';
import { loadCoreConfig } from './load-core-config.js';
import { startupSummary } from './startup-summary.js';
import { VERSION } from './version.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(argv: readonly string[]): Promise<number> {
  let config;
  let sinkRegistry;
  try {
    const loaded = await loadCoreConfig(argv, VERSION);
    if (loaded.kind === 'exit') {
      process.stdout.write(loaded.output);
      return loaded.code;
    }
    ({ config, sinkRegistry } = loaded);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(
      `heapster: invalid configuration:\n${error.problems.map(p => `  ${p.field}: ${p.message}`).join('\n')}`,
    );
    return 2;
  }
  const logger = createLogger({ name: 'heapster', level: config.options.logLevel });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  logger.info('starting', startupSummary(config, VERSION));
  const core = await createCore(config, { logger, registry, sinkRegistry });
  const servers = await createCoreServers(config, {
    core,
    kubeClient: core.kubeClient,
    registry,
    logger,
    clock: systemClock,
    version: VERSION,
  });
  await core.start();
  const urls = await servers.listen();
  logger.info('serving', urls);
  handleShutdownSignals(
    async () => {
      // Stop taking requests first, then scraping; flush the sinks within the deadline.
      await servers.close();
      await core.stop(SHUTDOWN_DEADLINE_MS - 2_000);
      logger.info('stopped');
    },
    { logger, deadlineMs: SHUTDOWN_DEADLINE_MS },
  );
  return -1;
}

main(process.argv.slice(2)).then(
  code => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `heapster: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
