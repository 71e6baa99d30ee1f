import { describe, expect, it } from '@jest/globals';
import {
  DUCKDB_ALLOCATOR_OPTIONS,
  DUCKDB_ALLOCATOR_VARIABLE,
  configureDuckDbAllocator,
} from './duckdb-allocator.js';
import { EVENTER_SINK_MODULES } from './sink-factories.js';

describe("DuckDB's allocator options", () => {
  it("are set unless the operator set DuckDB's own", () => {
    const env: NodeJS.ProcessEnv = {};
    configureDuckDbAllocator(env);
    expect(env).toEqual({ [DUCKDB_ALLOCATOR_VARIABLE]: DUCKDB_ALLOCATOR_OPTIONS });
    const operator: NodeJS.ProcessEnv = { [DUCKDB_ALLOCATOR_VARIABLE]: 'narenas:1' };
    configureDuckDbAllocator(operator);
    expect(operator[DUCKDB_ALLOCATOR_VARIABLE]).toBe('narenas:1');
  });

  it('are in the environment once the duckdb sink is loaded', async () => {
    const before = process.env[DUCKDB_ALLOCATOR_VARIABLE];
    delete process.env[DUCKDB_ALLOCATOR_VARIABLE];
    try {
      await EVENTER_SINK_MODULES.find(module => module.type === 'duckdb')?.load();
      expect(process.env[DUCKDB_ALLOCATOR_VARIABLE]).toBe(DUCKDB_ALLOCATOR_OPTIONS);
    } finally {
      if (before === undefined) delete process.env[DUCKDB_ALLOCATOR_VARIABLE];
      else process.env[DUCKDB_ALLOCATOR_VARIABLE] = before;
    }
  });
});
