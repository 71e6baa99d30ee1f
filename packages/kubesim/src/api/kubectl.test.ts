import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findKubectl, runKubectl, spawnKubectlWatch } from '@heapster/testing';
import type { KubectlWhich } from '@heapster/testing';
import { createApiServer } from './api-server.js';
import type { ApiServer, RequestLogEntry } from './api-server.js';
import { InMemoryObjectStore } from './in-memory-object-store.js';
import type { KubeObject } from './object-store.js';
import { eventObject, populateSmallCluster } from './testing/fixtures.js';
import { eventually } from './testing/http-client.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

/** Output lines split into whitespace-separated columns (kubectl pads with 3+ spaces). */
const table = (stdout: string): string[][] =>
  stdout
    .trim()
    .split('\n')
    .map(line => line.trim().split(/\s{2,}/));

describe.each<[KubectlWhich]>([['1.20'], ['newest']])(
  'real kubectl (%s) against the simulated API server',
  which => {
    const store = new InMemoryObjectStore({ now: () => NOW });
    const requests: RequestLogEntry[] = [];
    let server: ApiServer;
    let kubectl: string;
    const run = async (...args: string[]): Promise<string> => {
      const result = await runKubectl(kubectl, server.url, args);
      if (result.code !== 0)
        throw new Error(`kubectl ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      return result.stdout;
    };

    beforeAll(async () => {
      kubectl = findKubectl(which);
      populateSmallCluster(store, NOW);
      server = await createApiServer({ store, now: () => NOW, onRequest: e => requests.push(e) });
    });
    afterAll(() => server.close());

    it('get nodes prints NAME STATUS ROLES AGE VERSION from a server-side Table', async () => {
      expect(table(await run('get', 'nodes'))).toEqual([
        ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
        ['node-a', 'Ready', 'control-plane,master', '3d', 'v1.20.2'],
        ['node-b', 'Ready', '<none>', '3d', 'v1.20.2'],
        ['node-c', 'NotReady', '<none>', '5m', 'v1.20.2'],
      ]);
      const list = requests.find(r => r.url.startsWith('/api/v1/nodes?'));
      expect(list?.accept).toContain('as=Table;v=v1;g=meta.k8s.io');
    });

    it('get pods -A -o wide prints the wide pod columns', async () => {
      const rows = table(await run('get', 'pods', '-A', '-o', 'wide'));
      expect(rows[0]).toEqual([
        'NAMESPACE',
        'NAME',
        'READY',
        'STATUS',
        'RESTARTS',
        'AGE',
        'IP',
        'NODE',
        'NOMINATED NODE',
        'READINESS GATES',
      ]);
      expect(rows.slice(1)).toEqual([
        [
          'default',
          'db-0',
          '1/1',
          'Running',
          '0',
          '24h',
          '10.244.0.7',
          'node-a',
          '<none>',
          '<none>',
        ],
        [
          'default',
          'web-1',
          '1/1',
          'Running',
          '2',
          '120m',
          '10.244.1.5',
          'node-b',
          '<none>',
          '<none>',
        ],
        [
          'default',
          'web-2',
          '1/1',
          'Running',
          '0',
          '120m',
          '10.244.1.6',
          'node-b',
          '<none>',
          '<none>',
        ],
        [
          'kube-system',
          'coredns-74ff55c5b-x2x9z',
          '1/1',
          'Running',
          '0',
          '3d',
          '10.244.0.2',
          'node-a',
          '<none>',
          '<none>',
        ],
        [
          'team-a',
          'batch-7',
          '0/1',
          'ContainerCreating',
          '0',
          '90s',
          '<none>',
          '<none>',
          '<none>',
          '<none>',
        ],
      ]);
    });

    it('get ns and get events -A print the real columns', async () => {
      expect(table(await run('get', 'ns'))).toEqual([
        ['NAME', 'STATUS', 'AGE'],
        ['default', 'Active', '10d'],
        ['kube-system', 'Active', '10d'],
        ['team-a', 'Active', '10d'],
      ]);
      expect(table(await run('get', 'events', '-A'))).toEqual([
        ['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
        [
          'default',
          '65s',
          'Warning',
          'BackOff',
          'pod/db-0',
          'Back-off restarting failed container',
        ],
        [
          'default',
          '3m',
          'Normal',
          'Scheduled',
          'pod/web-1',
          'Successfully assigned default/web-1 to node-a',
        ],
        [
          'kube-system',
          '30s',
          'Warning',
          'NodeNotReady',
          'node/node-c',
          'Node node-c status is now: NodeNotReady',
        ],
      ]);
    });

    it('get pods -l app=web lists only the matching pods', async () => {
      expect(table(await run('get', 'pods', '-l', 'app=web'))).toEqual([
        ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        ['web-1', '1/1', 'Running', '2', '120m'],
        ['web-2', '1/1', 'Running', '0', '120m'],
      ]);
      const failed = await runKubectl(kubectl, server.url, [
        'get',
        'pods',
        '--field-selector',
        'xyz=1',
      ]);
      expect(failed.code).not.toBe(0);
      expect(failed.stderr).toContain('field label not supported: xyz');
    });

    it('get events -A --watch prints new and updated events as they happen', async () => {
      const watch = await spawnKubectlWatch(
        kubectl,
        server.url,
        ['get', 'events', '-A', '--watch'],
        { killAfterMs: 25_000 },
      );
      try {
        await eventually(
          () => watch.stdout().includes('NodeNotReady'),
          15_000,
          'the initial event list',
        );
        // Created after kubectl's list: its watch (from the list's resourceVersion) must deliver it.
        const created = store.create(
          eventObject('team-a', `batch-7.watch-${which}`, NOW - 4000, {
            object: 'batch-7',
            reason: 'Pulling',
            message: `Pulling image "busybox:${which}"`,
          }),
        );
        await eventually(
          () => watch.stdout().includes(`Pulling image "busybox:${which}"`),
          15_000,
          'the created event',
        );
        store.update({
          ...created,
          count: 2,
          message: `Pulled image "busybox:${which}"`,
          lastTimestamp: '2026-11-22T12:00:00Z',
        } as KubeObject);
        await eventually(
          () => watch.stdout().includes(`Pulled image "busybox:${which}"`),
          15_000,
          'the updated event',
        );
      } finally {
        await watch.stop();
      }
      const rows = table(watch.stdout());
      expect(rows[0]).toEqual(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
      expect(rows.filter(r => r[0] === 'NAMESPACE')).toHaveLength(1);
      expect(rows).toContainEqual([
        'team-a',
        '4s',
        'Normal',
        'Pulling',
        'pod/batch-7',
        `Pulling image "busybox:${which}"`,
      ]);
      expect(rows).toContainEqual([
        'team-a',
        '0s',
        'Normal',
        'Pulling',
        'pod/batch-7',
        `Pulled image "busybox:${which}"`,
      ]);
      const watchRequest = requests.find(
        r => r.url.startsWith('/api/v1/events?') && r.url.includes('watch=true'),
      );
      expect(watchRequest?.accept).toContain('as=Table');
    });
  },
);
