import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

/** apps/eventer/launch.json: how npm start and the benchmark run the eventer. */
interface Launch {
  readonly nodeFlags: string[];
  readonly env: Record<string, string>;
}

const launch = JSON.parse(
  readFileSync(new URL('../launch.json', import.meta.url), 'utf8'),
) as Launch;
const docs = readFileSync(new URL('../../../docs/eventer.md', import.meta.url), 'utf8');
const memorySection = docs.slice(docs.indexOf('## Memory: how to run it'));

describe('the documented way to run the eventer (launch.json)', () => {
  it('has node flags and string environment variables', () => {
    expect(launch.nodeFlags.every(flag => /^--[a-z-]+=\d+$/.test(flag))).toBe(true);
    expect(Object.values(launch.env).every(value => typeof value === 'string')).toBe(true);
  });

  it('is what docs/eventer.md tells deployments to set, flag by flag', () => {
    expect(memorySection.length).toBeLessThan(docs.length);
    const command = /```sh\n([\s\S]*?)```/.exec(memorySection)?.[1] ?? '';
    for (const flag of launch.nodeFlags) expect(command).toContain(flag);
    for (const [name, value] of Object.entries(launch.env))
      expect(command).toContain(`${name}=${value}`);
    const manifest = /```yaml\n([\s\S]*?)```/.exec(memorySection)?.[1] ?? '';
    for (const flag of launch.nodeFlags) expect(manifest).toContain(`'${flag}'`);
    for (const [name, value] of Object.entries(launch.env))
      expect(manifest).toContain(`{ name: ${name}, value: '${value}' }`);
  });
});
