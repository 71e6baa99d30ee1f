import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { startInfluxDB, type InfluxDBServer } from './influxdb.js';
import { httpRequest } from './http.js';
import { liveProcessesInGroup } from './process-group.js';

describe('startInfluxDB', () => {
  let influx: InfluxDBServer;

  beforeAll(async () => {
    influx = await startInfluxDB();
  });

  afterAll(async () => {
    await influx.stop();
  });

  it('listens on 127.0.0.1 and answers /ping with the 1.6 version header', async () => {
    expect(influx.url).toBe(`http://127.0.0.1:${influx.port}`);
    const response = await fetch(`${influx.url}/ping`, { signal: AbortSignal.timeout(5000) });
    expect(response.status).toBe(204);
    expect(response.headers.get('x-influxdb-version')).toMatch(/^1\.6\./);
  });

  it('round-trips line protocol with a Heapster-style measurement name through InfluxQL', async () => {
    await influx.query('CREATE DATABASE k8s');
    await influx.write(
      [
        'cpu/usage_rate,nodename=node-a,type=node value=5i 1795296313',
        'cpu/usage_rate,nodename=node-b,type=node value=7i 1795296313',
      ],
      'k8s',
    );
    const response = await influx.query(
      `SELECT value FROM "cpu/usage_rate" WHERE nodename = 'node-b'`,
      'k8s',
      { epoch: 's' },
    );
    expect(response.results[0]?.series).toEqual([
      { name: 'cpu/usage_rate', columns: ['time', 'value'], values: [[1795296313, 7]] },
    ]);
  });

  it('rejects a failing statement with the server message', async () => {
    await expect(influx.query('SELECT value FROM "x"', 'no_such_db')).rejects.toThrow(
      /database not found: no_such_db/,
    );
  });

  it('refuses connections while halted and keeps its data and port across restart()', async () => {
    await influx.query('CREATE DATABASE outage');
    await influx.write('memory/usage,nodename=n value=42i 1795296313', 'outage');
    const port = influx.port;
    await influx.halt();
    expect(influx.pid).toBeUndefined();
    await expect(httpRequest(`${influx.url}/ping`, { timeoutMs: 2000 })).rejects.toThrow();
    await influx.restart();
    expect(influx.port).toBe(port);
    const response = await influx.query('SELECT value FROM "memory/usage"', 'outage', {
      epoch: 's',
    });
    expect(response.results[0]?.series?.[0]?.values).toEqual([[1795296313, 42]]);
  });

  it('hangs requests while paused and answers them after resume()', async () => {
    influx.pause();
    await expect(httpRequest(`${influx.url}/ping`, { timeoutMs: 300 })).rejects.toThrow();
    influx.resume();
    expect((await httpRequest(`${influx.url}/ping`)).status).toBe(204);
  });
});

describe('InfluxDB stop()', () => {
  it('leaves no process and no temp dir behind', async () => {
    const influx = await startInfluxDB();
    const pgid = influx.pid!;
    const dir = influx.dataDir;
    expect(liveProcessesInGroup(pgid).length).toBeGreaterThan(0);
    await influx.stop();
    expect(liveProcessesInGroup(pgid)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    await expect(influx.restart()).rejects.toThrow(/restart\(\) after stop\(\)/);
  });
});
