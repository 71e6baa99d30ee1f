import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Kubesim, type KubesimOptions } from '@heapster/kubesim';
import { createMemoryLogger, type MemoryLogger } from '@heapster/runtime';
import { Registry } from 'prom-client';
import { createCore, type Core } from '../core.js';
import { resolveCoreConfig } from '../core-config.js';
import { loadHistoricalModule } from '../historical-module.js';
import { parseCoreArgs } from '../parse-core-args.js';
import { loadCoreSinkRegistry } from '../sink-factories.js';

/** kubesim on a hand-driven clock plus a core whose housekeeping runs the test triggers. */
export interface CoreHarness {
  readonly sim: Kubesim;
  readonly core: Core;
  readonly logger: MemoryLogger;
  readonly registry: Registry;
  /** Advances the simulated time by `ms`, then runs one housekeeping for the window ending then. */
  step(ms: number): ReturnType<Core['pipeline']['run']>;
  now(): number;
  close(): Promise<void>;
}

export async function startCoreHarness(
  simOptions: KubesimOptions,
  extraArgs: readonly string[] = [],
): Promise<CoreHarness> {
  let now = Date.parse('2026-11-22T00:00:00Z');
  const dir = mkdtempSync(join(tmpdir(), 'core-harness-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const sim = await start({
    seed: 7,
    autoTick: false,
    now: () => now,
    churnPodsPerMinute: 0,
    eventsPerSecond: 0,
    crashLoopFraction: 0,
    ...simOptions,
    kubeconfigPath: kubeconfig,
  });
  const parsed = parseCoreArgs(
    [
      `--kubeconfig=${kubeconfig}`,
      `--source=kubernetes.summary_api:?kubeletPort=${sim.kubeletReadOnlyPort}&kubeletTimeout=3s`,
      '--metric_resolution=15s',
      ...extraArgs,
    ],
    'test',
  );
  if (parsed.kind !== 'run') throw new Error('unexpected exit');
  const sinkRegistry = await loadCoreSinkRegistry();
  const config = resolveCoreConfig(
    parsed.options,
    sinkRegistry,
    {},
    await loadHistoricalModule(parsed.options.historicalSource),
  );
  const logger = createMemoryLogger();
  const registry = new Registry();
  const core = await createCore(config, { logger, registry, sinkRegistry });
  await core.start({ loop: false });
  await core.cache.onSynced();
  const controller = new AbortController();
  return {
    sim,
    core,
    logger,
    registry,
    now: () => now,
    step(ms) {
      now += ms;
      sim.tick(now);
      return core.pipeline.run(now, controller.signal);
    },
    async close() {
      await core.stop(2000);
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
