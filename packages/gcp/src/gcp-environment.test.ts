import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gcpEnvironment } from './gcp-environment.js';

/** A metadata server on 127.0.0.1 answering like GCE's (Metadata-Flavor: Google). */
const VALUES: Record<string, string> = {
  '/computeMetadata/v1/instance': 'instance',
  '/computeMetadata/v1/instance/zone': 'projects/123456/zones/us-central1-b',
  '/computeMetadata/v1/instance/attributes/cluster-name': 'prod',
};
const server = http.createServer((request, response) => {
  const value = VALUES[new URL(request.url ?? '/', 'http://metadata').pathname];
  const google = request.headers['metadata-flavor'] === 'Google';
  response.writeHead(value !== undefined && google ? 200 : 404, {
    'metadata-flavor': 'Google',
    'content-type': 'application/text',
  });
  response.end(value ?? 'not found');
});
const saved = {
  host: process.env.GCE_METADATA_HOST,
  detection: process.env.METADATA_SERVER_DETECTION,
};

beforeAll(async () => {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  process.env.GCE_METADATA_HOST = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  restore('GCE_METADATA_HOST', saved.host);
  restore('METADATA_SERVER_DETECTION', saved.detection);
  await new Promise(resolve => server.close(resolve));
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const noAdc = async (): Promise<string> => {
  throw new Error('no ADC here');
};

describe('gcpEnvironment', () => {
  it('reads the zone (last path segment) and cluster attributes from the metadata server', async () => {
    process.env.METADATA_SERVER_DETECTION = 'ping-only';
    const env = gcpEnvironment(async () => 'adc-project');
    expect(await env.onGce()).toBe(true);
    expect(await env.metadata('zone')).toBe('us-central1-b');
    expect(await env.metadata('cluster-name')).toBe('prod');
    expect(await env.metadata('cluster-location')).toBeUndefined();
    expect(await env.adcProject()).toBe('adc-project');
  });

  it('finds no metadata server under METADATA_SERVER_DETECTION=none, and no project without ADC', async () => {
    process.env.METADATA_SERVER_DETECTION = 'none';
    const env = gcpEnvironment(noAdc);
    expect(await env.onGce()).toBe(false);
    expect(await env.adcProject()).toBeUndefined();
  });
});
