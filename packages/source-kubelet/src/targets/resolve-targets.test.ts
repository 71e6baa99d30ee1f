import { describe, expect, it } from '@jest/globals';
import { resolveKubeletTargets, type KubeletNode } from './resolve-targets.js';

const node = (overrides: Partial<KubeletNode> & { name: string }): KubeletNode => ({
  ready: true,
  addresses: [
    { type: 'Hostname', address: `${overrides.name}.local` },
    { type: 'ExternalIP', address: '203.0.113.7' },
    { type: 'InternalIP', address: '10.0.0.7' },
  ],
  ...overrides,
});

describe('resolveKubeletTargets', () => {
  it('prefers InternalIP, then ExternalIP, then Hostname by default', () => {
    const { targets } = resolveKubeletTargets(
      [
        node({ name: 'a' }),
        node({
          name: 'b',
          addresses: [
            { type: 'Hostname', address: 'b.local' },
            { type: 'ExternalIP', address: '203.0.113.8' },
          ],
        }),
        node({ name: 'c', addresses: [{ type: 'Hostname', address: 'c.local' }] }),
      ],
      { port: 10250 },
    );
    expect(targets.map(t => t.address)).toEqual(['10.0.0.7', '203.0.113.8', 'c.local']);
  });

  it('follows a configured address-type order', () => {
    const { targets } = resolveKubeletTargets([node({ name: 'a' })], {
      port: 10250,
      addressTypes: ['ExternalIP', 'InternalIP'],
    });
    expect(targets[0]?.address).toBe('203.0.113.7');
  });

  it("uses the node's own kubelet port unless told to use the configured one", () => {
    const nodes = [node({ name: 'a', kubeletPort: 10260 }), node({ name: 'b', kubeletPort: 0 })];
    expect(resolveKubeletTargets(nodes, { port: 10250 }).targets.map(t => t.port)).toEqual([
      10260, 10250,
    ]);
    expect(
      resolveKubeletTargets(nodes, { port: 10255, useNodeStatusPort: false }).targets.map(
        t => t.port,
      ),
    ).toEqual([10255, 10255]);
  });

  it('takes hostname from the Hostname address, else the node name', () => {
    const { targets } = resolveKubeletTargets(
      [
        node({ name: 'a' }),
        node({ name: 'b', addresses: [{ type: 'InternalIP', address: '10.0.0.8' }] }),
      ],
      { port: 1 },
    );
    expect(targets.map(t => t.hostname)).toEqual(['a.local', 'b']);
  });

  it('takes host_id from externalID, else the configured annotation', () => {
    const { targets } = resolveKubeletTargets(
      [
        node({ name: 'a', externalID: 'i-a', annotations: { 'example.com/id': 'ann-a' } }),
        node({ name: 'b', externalID: '', annotations: { 'example.com/id': 'ann-b' } }),
        node({ name: 'c' }),
      ],
      { port: 1, hostIdAnnotation: 'example.com/id' },
    );
    expect(targets.map(t => t.hostId)).toEqual(['i-a', 'ann-b', '']);
  });

  it('reports NotReady nodes and nodes without a usable address instead of dropping them', () => {
    const result = resolveKubeletTargets(
      [
        node({ name: 'down', ready: false }),
        node({ name: 'bad-ip', addresses: [{ type: 'InternalIP', address: 'not-an-ip' }] }),
        node({ name: 'none', addresses: [] }),
        node({ name: 'fine' }),
      ],
      { port: 1, addressTypes: ['InternalIP'] },
    );
    expect(result.targets.map(t => t.nodeName)).toEqual(['fine']);
    expect(result.skipped).toEqual([
      { node: 'down', reason: 'not_ready', detail: 'the Ready condition is not True' },
      {
        node: 'bad-ip',
        reason: 'no_address',
        detail: 'no usable address of type InternalIP (has InternalIP="not-an-ip")',
      },
      {
        node: 'none',
        reason: 'no_address',
        detail: 'no usable address of type InternalIP (has none)',
      },
    ]);
  });

  it('accepts IPv6 addresses', () => {
    const { targets } = resolveKubeletTargets(
      [node({ name: 'v6', addresses: [{ type: 'InternalIP', address: 'fd00::7' }] })],
      { port: 1 },
    );
    expect(targets[0]?.address).toBe('fd00::7');
  });
});
