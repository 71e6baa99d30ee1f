import { describe, expect, it } from '@jest/globals';
import { describeEndpoint, gaxClientOptions, parseEndpoint } from './endpoint.js';

describe('parseEndpoint', () => {
  it('reads host[:port], IPv6 in brackets, the port defaulting to 443', () => {
    expect(parseEndpoint('127.0.0.1:8085')).toEqual({ host: '127.0.0.1', port: 8085 });
    expect(parseEndpoint(' [::1]:9 ')).toEqual({ host: '::1', port: 9 });
    expect(parseEndpoint('logging.example.com')).toEqual({
      host: 'logging.example.com',
      port: 443,
    });
  });

  it('refuses URLs and bad ports with a message saying what is expected', () => {
    expect(() => parseEndpoint('http://h:1', 'logging.googleapis.com')).toThrow(
      '"http://h:1" is not host:port (e.g. 127.0.0.1:8085 or logging.googleapis.com)',
    );
    expect(() => parseEndpoint('h/path')).toThrow(/or monitoring\.googleapis\.com\)$/);
    expect(() => parseEndpoint('h:0')).toThrow('port 0 of "h:0" is not 1-65535');
    expect(() => parseEndpoint('h:70000')).toThrow('port 70000 of "h:70000" is not 1-65535');
  });
});

describe('gaxClientOptions', () => {
  it('leaves the Google defaults alone when nothing is set', () => {
    expect(gaxClientOptions({ endpoint: undefined, insecure: false, project: undefined })).toEqual(
      {},
    );
  });

  it('points the client at an endpoint, in plain text when insecure, with the project', () => {
    const options = gaxClientOptions({
      endpoint: { host: '127.0.0.1', port: 8085 },
      insecure: true,
      project: 'p1',
    });
    expect(options).toMatchObject({ apiEndpoint: '127.0.0.1', port: 8085, projectId: 'p1' });
    expect(options.sslCreds?._isSecure()).toBe(false);
  });
});

describe('describeEndpoint', () => {
  it('names the endpoint, or the service host when there is none', () => {
    expect(describeEndpoint({ host: '::1', port: 9 }, 'logging.googleapis.com')).toBe('::1:9');
    expect(describeEndpoint(undefined, 'logging.googleapis.com')).toBe('logging.googleapis.com');
  });
});
