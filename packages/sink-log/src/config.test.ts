import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { LOG_SINK_DEFAULTS, parseConfig } from './config.js';

const parse = (raw: string) => parseConfig(parseSinkUri(raw, {}));

function problems(raw: string): string[] {
  try {
    parse(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map(p => `${p.field}: ${p.message}`);
  }
  throw new Error(`${raw} parsed without error`);
}

describe('log sink config', () => {
  it.each([
    ['log', LOG_SINK_DEFAULTS],
    ['log:', LOG_SINK_DEFAULTS],
    ['log:?format=json', { ...LOG_SINK_DEFAULTS, format: 'json' }],
    ['log:?output=stderr&max_sets=100', { ...LOG_SINK_DEFAULTS, output: 'stderr', maxSets: 100 }],
    ['log:?max_events=5', { ...LOG_SINK_DEFAULTS, maxEvents: 5 }],
  ])('should parse %s', (raw, expected) => {
    expect(parse(raw)).toEqual(expected);
  });

  it.each([
    ['log:?fromat=json', 'log sink option fromat: unknown option'],
    ['log:?format=xml', 'log sink option format: "xml" is not one of text, json'],
    ['log:?max_sets=-1', 'log sink option max_sets: -1 is below the minimum 0'],
    ['log:?output=file', 'log sink option output: "file" is not one of stdout, stderr'],
    ['log:stdout', 'log sink option target: "stdout" is not expected'],
  ])('should reject %s naming the option', (raw, expected) => {
    expect(problems(raw).some(p => p.startsWith(expected))).toBe(true);
  });

  it('should report every problem at once', () => {
    expect(problems('log:?format=xml&max_sets=x&typo=1')).toHaveLength(3);
  });
});
