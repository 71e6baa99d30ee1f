import { KubeApiClient } from '@heapster/kube';
import { systemClock, type Clock, type Logger } from '@heapster/runtime';
import { EventSinkManager, timerScheduler, type SinkRegistry } from '@heapster/sink';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { CheckpointFile, type CheckpointEntry } from './checkpoint-file.js';
import { CheckpointSaver } from './checkpoint-saver.js';
import { EventSource } from './event-source.js';
import { startHealthServer, type HealthReport, type HealthServer } from './health-server.js';
import type { EventerConfig } from './parse-eventer-args.js';
import { buildEventSinkRoutes } from './sink-plan.js';
import { registerSourceMetrics } from './source-metrics.js';

export interface EventerDependencies {
  readonly sinkRegistry: SinkRegistry;
  readonly logger: Logger;
  /** Self-metrics registry (default: a new one with the process metrics). */
  readonly metrics?: Registry;
  readonly clock?: Clock;
}

export interface RunningEventer {
  /** The port /healthz, /readyz and /metrics listen on. */
  readonly port: number;
  readonly manager: EventSinkManager;
  readonly source: EventSource;
  readonly metrics: Registry;
  /** Stops the watch, flushes the sinks, writes the checkpoint; resolves within the deadline. */
  stop(deadlineMs?: number): Promise<void>;
}

const CHECKPOINT_SAVE_INTERVAL_MS = 1_000;
const STOP_DEADLINE_MS = 9_000;

/** Wires source → EventSinkManager → sinks, the checkpoint and the health server, and starts them. */
export async function startEventer(
  config: EventerConfig,
  deps: EventerDependencies,
): Promise<RunningEventer> {
  const { options } = config;
  const logger = deps.logger;
  const clock = deps.clock ?? systemClock;
  const metrics = deps.metrics ?? withProcessMetrics(new Registry());
  const file =
    options.checkpointFile === undefined ? undefined : new CheckpointFile(options.checkpointFile);
  const saved = await loadCheckpoint(file, logger);
  const saver = new CheckpointSaver({
    file,
    initial: saved,
    intervalMs: CHECKPOINT_SAVE_INTERVAL_MS,
    logger,
    clock,
    scheduler: timerScheduler,
  });
  const routes = buildEventSinkRoutes(
    config.sinks,
    deps.sinkRegistry,
    type => ({ logger: logger.child({ sink: type }), clock, registry: metrics }),
    new Map([...saved].map(([id, entry]) => [id, entry.resourceVersion])),
  );
  const manager = new EventSinkManager({
    routes,
    frequencyMs: options.frequencyMs,
    batchSize: options.batchSize,
    bufferSize: options.bufferSize,
    exportTimeoutMs: options.exportTimeoutMs,
    retry: { baseMs: 500, maxMs: options.maxRetryDelayMs },
    logger: logger.child({ component: 'sink-manager' }),
    clock,
    registry: metrics,
    onCheckpoint: (id, rv) => saver.update(id, rv),
  });
  let sinksStarted = false;
  let stopping = false;
  // Set once the sinks have started and the resume point is known.
  const source: { value?: EventSource } = {};
  const startedAt = clock.now();
  const live = (): HealthReport => {
    const reasons: string[] = [];
    if (source.value?.failure !== undefined)
      reasons.push(`event source failed: ${String(source.value?.failure)}`);
    const beat = manager.lastFlushAt ?? startedAt;
    const limit = Math.max(180_000, 3 * options.frequencyMs);
    if (sinksStarted && clock.now() - beat > limit)
      reasons.push(`sink manager has not flushed for ${Math.round((clock.now() - beat) / 1000)}s`);
    return { ok: reasons.length === 0, reasons };
  };
  const ready = (): HealthReport => {
    const reasons: string[] = [];
    if (stopping) reasons.push('shutting down');
    if (!sinksStarted) reasons.push('sinks are starting');
    if (source.value?.synced !== true) reasons.push('initial event list not done yet');
    return { ok: reasons.length === 0, reasons };
  };
  const http: HealthServer = await startHealthServer({
    host: options.healthzIp,
    port: options.healthzPort,
    registry: metrics,
    live,
    ready,
  });
  await manager.start();
  const client = new KubeApiClient(config.kube.kubeConfig, { requestTimeoutMs: 30_000 });
  const current = await currentResourceVersion(client, logger);
  if (current !== undefined) manager.forgetCheckpointsAfter(current);
  sinksStarted = true;
  const resumeFrom = manager.resumePoint();
  const running = new EventSource({
    client,
    consumer: manager,
    resumeFrom,
    logger: logger.child({ component: 'source' }),
    now: () => clock.now(),
  });
  source.value = running;
  registerSourceMetrics(
    metrics,
    () => running.stats(),
    () => running.synced,
    saver,
    () => clock.now(),
  );
  running.start();
  saver.start();
  logger.info('eventer started', {
    server: config.kube.server,
    sinks: config.sinks.map(plan => plan.id),
    resumeFrom: resumeFrom ?? 'list',
    checkpointFile: options.checkpointFile,
    healthz: `${options.healthzIp}:${http.port}`,
  });

  let stopped: Promise<void> | undefined;
  const stop = async (deadlineMs: number): Promise<void> => {
    stopping = true;
    const watchClosed = running.stop();
    const { unexported } = await manager.shutdown(Math.max(1_000, deadlineMs - 1_500));
    await Promise.race([watchClosed, new Promise(resolve => setTimeout(resolve, 500).unref())]);
    client.close();
    saver.stop();
    await saver.saveNow();
    await http.close();
    logger.info('eventer stopped', {
      unexported,
      checkpoints: Object.fromEntries(manager.checkpoints()),
    });
  };
  return {
    port: http.port,
    manager,
    source: running,
    metrics,
    stop: (deadlineMs = STOP_DEADLINE_MS) => (stopped ??= stop(deadlineMs)),
  };
}

/**
 * The API server's resourceVersion now (a one-item list), to recognise checkpoints from another
 * history. undefined when the API server cannot answer now: the check is skipped, the watch
 * retries on its own.
 */
async function currentResourceVersion(
  client: KubeApiClient,
  logger: Logger,
): Promise<string | undefined> {
  try {
    const list = (await client.getJson(
      '/api/v1/events',
      { limit: '1' },
      AbortSignal.timeout(10_000),
    )) as {
      metadata?: { resourceVersion?: string };
    };
    return list.metadata?.resourceVersion;
  } catch (error) {
    logger.warn('cannot read the API server resourceVersion; checkpoints are not sanity-checked', {
      error: String(error),
    });
    return undefined;
  }
}

function withProcessMetrics(registry: Registry): Registry {
  collectDefaultMetrics({ register: registry });
  return registry;
}

async function loadCheckpoint(
  file: CheckpointFile | undefined,
  logger: Logger,
): Promise<Map<string, CheckpointEntry>> {
  if (file === undefined) return new Map();
  try {
    const entries = await file.load();
    logger.info('checkpoint loaded', { path: file.path, sinks: entries.size });
    return entries;
  } catch (error) {
    // A damaged file costs a full re-export (sinks dedupe), never a refusal to run.
    logger.error('checkpoint file unreadable; starting without it', {
      path: file.path,
      error: String(error),
    });
    return new Map();
  }
}
