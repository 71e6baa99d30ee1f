import { CommanderError } from 'commander';
import { parseHistoricalSourceUri, type HistoricalSourceSpec } from '@heapster/historical';
import { ConfigError, normalizeFlagNames, type FieldProblem } from '@heapster/runtime';
import { oldtimerCommand, type RawOldtimerFlags } from './flags.js';
import { validateOldtimerFlags, type OldtimerOptions } from './options.js';

/** Everything the oldtimer needs to start, validated. */
export interface OldtimerConfig {
  readonly options: OldtimerOptions;
  readonly source: HistoricalSourceSpec;
}

export type ParsedOldtimerArgs =
  | { readonly kind: 'run'; readonly config: OldtimerConfig }
  | { readonly kind: 'exit'; readonly code: number; readonly output: string };

/**
 * Parses and validates the command line without side effects: help and version become an
 * `exit` result with their text; every flag and source-URI problem is collected into one
 * ConfigError (main prints them all and exits 2).
 */
export function parseOldtimerArgs(
  argv: readonly string[],
  version: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ParsedOldtimerArgs {
  let output = '';
  const command = oldtimerCommand(version)
    .exitOverride()
    .configureOutput({
      writeOut: text => void (output += text),
      writeErr: text => void (output += text),
    });
  try {
    command.parse(normalizeFlagNames(argv), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        return { kind: 'exit', code: 0, output };
      }
      throw new ConfigError([
        { field: 'command line', message: error.message.replace(/^error: /, '') },
      ]);
    }
    throw error;
  }
  const problems: FieldProblem[] = [];
  if (command.args.length > 0) {
    problems.push({
      field: 'command line',
      message: `unexpected arguments: ${command.args.join(' ')}`,
    });
  }
  const options = validateOldtimerFlags(command.opts<RawOldtimerFlags>(), problems);
  let source: HistoricalSourceSpec | undefined;
  if (options.source !== '') {
    try {
      source = parseHistoricalSourceUri(options.source, options.sourceFlag, env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0 || source === undefined) throw new ConfigError(problems);
  return { kind: 'run', config: { options, source } };
}
