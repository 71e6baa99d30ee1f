import { CommanderError } from 'commander';
import { ConfigError, normalizeFlagNames } from '@heapster/runtime';
import { coreCommand, type RawCoreFlags } from './flags.js';
import { validateCoreFlags, type CoreOptions } from './options.js';

export type ParsedCoreArgs =
  | { readonly kind: 'run'; readonly options: CoreOptions }
  | { readonly kind: 'exit'; readonly code: number; readonly output: string };

/**
 * Parses the command line without side effects: help and version become an `exit` result with
 * their text, flag syntax errors and validation problems a ConfigError listing them all.
 */
export function parseCoreArgs(argv: readonly string[], version: string): ParsedCoreArgs {
  let output = '';
  const command = coreCommand(version)
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
  if (command.args.length > 0) {
    throw new ConfigError([
      { field: 'command line', message: `unexpected arguments: ${command.args.join(' ')}` },
    ]);
  }
  return { kind: 'run', options: validateCoreFlags(command.opts<RawCoreFlags>()) };
}
