#!/usr/bin/env node
// The `oldtimer` binary: parse and validate everything, report every problem at once (exit 2),
// then serve until SIGTERM/SIGINT, which closes the server (requests in flight finish) and the
// backend within 10 s.
import { readFileSync } from 'node:fs';
import { ConfigError, createLogger, handleShutdownSignals } from '@heapster/runtime';
import { startOldtimer } from './oldtimer.js';
import { parseOldtimerArgs } from './parse-oldtimer-args.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

async function main(): Promise<number | undefined> {
  let parsed;
  try {
    parsed = parseOldtimerArgs(process.argv.slice(2), packageVersion());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error('oldtimer: invalid configuration:');
      for (const problem of error.problems) console.error(`  ${problem.field}: ${problem.message}`);
      console.error('Run oldtimer --help for the flags.');
      return 2;
    }
    throw error;
  }
  if (parsed.kind === 'exit') {
    process.stdout.write(parsed.output);
    return parsed.code;
  }
  const logger = createLogger({ level: parsed.config.options.logLevel, name: 'oldtimer' });
  const oldtimer = await startOldtimer(parsed.config, { logger });
  console.log(
    `oldtimer ready: http://${parsed.config.options.listenIp}:${oldtimer.port}/api/v1/historical`,
  );
  handleShutdownSignals(() => oldtimer.stop(), { logger, deadlineMs: SHUTDOWN_DEADLINE_MS });
  return undefined;
}

main().then(
  code => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `oldtimer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
