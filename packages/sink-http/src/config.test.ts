import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig, type HttpSinkConfig } from './config.js';

const parse = (raw: string) => parseConfig(parseSinkUri(raw, { TOKEN: 'from-env' }));

const DEFAULTS: HttpSinkConfig = {
  url: 'http://collector:8080/heapster',
  timeoutMs: 10_000,
  retries: 2,
  headers: [],
  token: undefined,
  gzip: false,
  maxBodyBytes: 8 * 1024 * 1024,
  insecureSsl: false,
};

function problems(raw: string): string[] {
  try {
    parse(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map(p => `${p.field}: ${p.message}`);
  }
  throw new Error(`${raw} parsed without error`);
}

describe('http sink config', () => {
  it.each<[string, Partial<HttpSinkConfig>]>([
    ['http:http://collector:8080/heapster', {}],
    [
      'http:https://collector/x?token=$TOKEN&gzip=true',
      { url: 'https://collector/x', token: 'from-env', gzip: true },
    ],
    ['http:http://collector:8080/heapster?timeout=3s&retries=0', { timeoutMs: 3000, retries: 0 }],
    [
      'http:http://collector:8080/heapster?headers=X-A:1&headers=X-B: two',
      {
        headers: [
          ['X-A', '1'],
          ['X-B', 'two'],
        ],
      },
    ],
    [
      'http:http://collector:8080/heapster?max_body_bytes=65536&insecuressl=true',
      { maxBodyBytes: 65536, insecureSsl: true },
    ],
  ])('should parse %s', (raw, expected) => {
    expect(parse(raw)).toEqual({ ...DEFAULTS, ...expected });
  });

  it.each([
    ['http', 'http sink option target: a URL is required'],
    ['http:collector', 'http sink option target: "collector" is not a URL'],
    ['http:ftp://x/y', 'http sink option target: "ftp:" is not supported'],
    ['http:http://c/x?retry=3', 'http sink option retry: unknown option'],
    ['http:http://c/x?retries=11', 'http sink option retries: 11 is above the maximum 10'],
    [
      'http:http://c/x?max_body_bytes=100',
      'http sink option max_body_bytes: 100 is below the minimum 65536',
    ],
    ['http:http://c/x?headers=NoColon', 'http sink option headers: "NoColon" is not Name:Value'],
    [
      'http:http://c/x?headers=Content-Type:text/plain',
      'http sink option headers: "Content-Type" is set by the sink',
    ],
    [
      'http:http://c/x?token=a&headers=Authorization:Basic%20x',
      'http sink option headers: sets Authorization',
    ],
  ])('should reject %s naming the option', (raw, expected) => {
    expect(problems(raw).some(p => p.startsWith(expected))).toBe(true);
  });

  it('should never put a header value into an error message', () => {
    expect(problems('http:http://c/x?headers=Bad%20Name:topsecret').join('\n')).not.toContain(
      'topsecret',
    );
  });
});
