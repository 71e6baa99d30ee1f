import { pino, type DestinationStream, type Level } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * Structured logging, one JSON object a line. Components take a Logger (never a module-level
 * one) and log state changes with a likely cause — never one line per value or per request.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to every line (e.g. `{ sink: 'influxdb' }`). */
  child(bindings: LogFields): Logger;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** The component name, carried as `name` on every line. */
  readonly name?: string;
  /** Where lines go; stderr by default so that stdout stays free for ready lines and data. */
  readonly destination?: DestinationStream;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function parseLogLevel(value: string): LogLevel {
  if ((LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  throw new Error(`invalid log level "${value}": expected one of ${LEVELS.join(', ')}`);
}

/** A pino-backed logger writing JSON lines (`level` as a label, `time` as ISO 8601). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base = pino(
    {
      level: options.level ?? 'info',
      name: options.name,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label: string) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
  return wrap(base);
}

function wrap(target: pino.Logger): Logger {
  const at = (level: Level) => (message: string, fields?: LogFields) => {
    if (fields === undefined) target[level](message);
    else target[level](fields, message);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: bindings => wrap(target.child(bindings)),
  };
}

/** A line captured by the memory logger. */
export interface CapturedLogLine {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

/** A logger that keeps lines in memory (bounded), for tests that assert on what was logged. */
export interface MemoryLogger extends Logger {
  readonly lines: readonly CapturedLogLine[];
}

export function createMemoryLogger(
  limit = 10_000,
  bindings: LogFields = {},
  sink: CapturedLogLine[] = [],
): MemoryLogger {
  const push = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (sink.length >= limit) sink.shift();
    sink.push({ level, message, fields: { ...bindings, ...fields } });
  };
  return {
    lines: sink,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    child: more => createMemoryLogger(limit, { ...bindings, ...more }, sink),
  };
}

/** A logger that drops everything. */
export const noopLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => noopLogger,
};
