import { describe, expect, it } from '@jest/globals';
import { ConfigError, PermanentError } from '@heapster/runtime';
import type { GcpEnvironment } from './gcp-environment.js';
import { GcpSession, type GcpServiceClient } from './gcp-session.js';

class FakeClient implements GcpServiceClient {
  closes = 0;
  constructor(private readonly _project: string | undefined) {}
  async adcProject(): Promise<string> {
    if (this._project === undefined) throw new Error('no ADC');
    return this._project;
  }
  async close(): Promise<void> {
    this.closes++;
    throw new Error('already closed');
  }
}

const offGce: GcpEnvironment = {
  adcProject: async () => 'env-project',
  onGce: async () => false,
  metadata: async () => undefined,
};

describe('GcpSession', () => {
  it('makes the client once, on first use, unless the deps bring one', () => {
    let made = 0;
    const session = new GcpSession({
      createClient: () => {
        made++;
        return new FakeClient('p');
      },
      resolveTarget: async () => 'target',
      deps: {},
    });
    expect(made).toBe(0);
    expect(session.client()).toBe(session.client());
    expect(made).toBe(1);
    const given = new FakeClient('p');
    const seamed = new GcpSession({
      createClient: () => new FakeClient('other'),
      resolveTarget: async () => 'target',
      deps: { client: given },
    });
    expect(seamed.client()).toBe(given);
  });

  it('resolves the target once, and tries again after a failure', async () => {
    const answers: (string | Error)[] = [
      new ConfigError([{ field: 'project', message: 'x' }]),
      'ok',
    ];
    let calls = 0;
    const session = new GcpSession({
      createClient: () => new FakeClient('p'),
      resolveTarget: async () => {
        calls++;
        const answer = answers.shift() ?? 'late';
        if (answer instanceof Error) throw answer;
        return answer;
      },
      deps: { environment: offGce },
    });
    await expect(session.target()).rejects.toBeInstanceOf(ConfigError);
    await expect(session.target()).resolves.toBe('ok');
    await expect(session.target()).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('detects with the given environment, else with the client’s ADC project', async () => {
    const resolveTarget = async (environment: GcpEnvironment) => environment.adcProject();
    const seamed = new GcpSession({
      createClient: () => new FakeClient('client-project'),
      resolveTarget,
      deps: { environment: offGce },
    });
    await expect(seamed.target()).resolves.toBe('env-project');
    const detected = new GcpSession({
      createClient: () => new FakeClient('client-project'),
      resolveTarget,
      deps: {},
    });
    await expect(detected.target()).resolves.toBe('client-project');
  });

  it('fails a write permanently on a ConfigError, and passes other errors as they are', async () => {
    const config = new ConfigError([{ field: 'gcl sink option project', message: 'required' }]);
    const failing = (error: Error) =>
      new GcpSession({
        createClient: () => new FakeClient('p'),
        resolveTarget: async () => Promise.reject(error),
        deps: { environment: offGce },
      });
    const permanent = failing(config).targetForWrite();
    await expect(permanent).rejects.toBeInstanceOf(PermanentError);
    await expect(permanent).rejects.toThrow(config.message);
    const other = new Error('metadata server hiccup');
    await expect(failing(other).targetForWrite()).rejects.toBe(other);
  });

  it('closes only a client it made, ignoring a failure to close', async () => {
    const client = new FakeClient('p');
    const unused = new GcpSession({
      createClient: () => client,
      resolveTarget: async () => 'target',
      deps: {},
    });
    await unused.close();
    expect(client.closes).toBe(0);
    unused.client();
    await expect(unused.close()).resolves.toBeUndefined();
    expect(client.closes).toBe(1);
  });
});
