#!/usr/bin/env node
// The `eventer` binary: parse and validate everything, report every problem at once (exit 2),
// then run until SIGTERM/SIGINT, which stops the watch, flushes the sinks and saves the
// checkpoint within 10 s.
import { readFileSync } from 'node:fs';
import { ConfigError, createLogger, handleShutdownSignals } from '@heapster/runtime';
import { startEventer } from './eventer.js';
import { parseEventerArgs } from './parse-eventer-args.js';
import { loadEventerSinkRegistry, requestedSinkTypes } from './sink-factories.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

async function main(): Promise<number | undefined> {
  const argv = process.argv.slice(2);
  // Only the sinks the command line names are imported (see sink-factories.ts).
  const sinkRegistry = await loadEventerSinkRegistry(requestedSinkTypes(argv, process.env));
  let parsed;
  try {
    parsed = parseEventerArgs(argv, packageVersion(), { registry: sinkRegistry });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error('eventer: invalid configuration:');
      for (const problem of error.problems) console.error(`  ${problem.field}: ${problem.message}`);
      console.error('Run eventer --help for the flags.');
      return 2;
    }
    throw error;
  }
  if (parsed.kind === 'exit') {
    process.stdout.write(parsed.output);
    return parsed.code;
  }
  const logger = createLogger({ level: parsed.config.options.logLevel, name: 'eventer' });
  const eventer = await startEventer(parsed.config, { sinkRegistry, logger });
  handleShutdownSignals(() => eventer.stop(SHUTDOWN_DEADLINE_MS - 1_000), {
    logger,
    deadlineMs: SHUTDOWN_DEADLINE_MS,
  });
  return undefined;
}

main().then(
  code => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `eventer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
