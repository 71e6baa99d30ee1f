import { openHistoricalSource } from '@heapster/historical';
import { systemClock, type Clock, type Logger } from '@heapster/runtime';
import type { Registry } from 'prom-client';
import { buildOldtimerServer } from './oldtimer-server.js';
import type { OldtimerConfig } from './parse-oldtimer-args.js';

export interface OldtimerDependencies {
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly registry?: Registry;
}

export interface RunningOldtimer {
  /** The port actually bound (useful with --port 0). */
  readonly port: number;
  /** Stops accepting, lets requests in flight finish, closes the backend. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Opens the source (read-only: the oldtimer never writes) and serves the API. A backend that
 * is down is not a start-up failure: /readyz says so and queries answer 503 until it is back.
 */
export async function startOldtimer(
  config: OldtimerConfig,
  dependencies: OldtimerDependencies,
): Promise<RunningOldtimer> {
  const { logger } = dependencies;
  const source = openHistoricalSource(config.source, {
    logger: logger.child({ source: config.source.type }),
    clock: dependencies.clock ?? systemClock,
    readOnly: true,
  });
  const app = await buildOldtimerServer({
    source,
    options: config.options,
    logger,
    ...(dependencies.registry === undefined ? {} : { registry: dependencies.registry }),
  });
  try {
    await app.listen({ host: config.options.listenIp, port: config.options.port });
  } catch (error) {
    await source.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.options.port;
  logger.info('oldtimer serving', {
    address: `${config.options.listenIp}:${port}`,
    source: config.source.masked,
    percentiles: source.percentileDefinition,
  });
  let stopped: Promise<void> | undefined;
  return {
    port,
    stop() {
      stopped ??= (async () => {
        try {
          await app.close();
        } finally {
          await source.close();
          logger.info('oldtimer stopped');
        }
      })();
      return stopped;
    },
  };
}
