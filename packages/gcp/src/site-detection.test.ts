import { describe, expect, it } from '@jest/globals';
import type { FieldProblem } from '@heapster/runtime';
import type { GcpEnvironment, MetadataKey } from './gcp-environment.js';
import { detectMetadata, resolveProject, undetectedReason } from './site-detection.js';

function environment(
  metadata: Partial<Record<MetadataKey, string>>,
  adcProject?: string,
): GcpEnvironment & { reads: MetadataKey[] } {
  const reads: MetadataKey[] = [];
  return {
    reads,
    adcProject: async () => adcProject,
    onGce: async () => true,
    metadata: async key => {
      reads.push(key);
      return metadata[key];
    },
  };
}

describe('resolveProject', () => {
  it('prefers the configured project, else takes the ADC one', async () => {
    const problems: FieldProblem[] = [];
    expect(await resolveProject('gcl', 'p1', environment({}, 'adc'), problems)).toBe('p1');
    expect(await resolveProject('gcl', undefined, environment({}, ' adc '), problems)).toBe('adc');
    expect(problems).toEqual([]);
  });

  it('names the project option of the sink when there is none', async () => {
    const problems: FieldProblem[] = [];
    expect(await resolveProject('gcm', undefined, environment({}, '  '), problems)).toBeUndefined();
    expect(problems).toEqual([
      {
        field: 'gcm sink option project',
        message: expect.stringMatching(
          /^required: no project from Application Default .*\?project=/,
        ),
      },
    ]);
  });
});

describe('detectMetadata', () => {
  it('reads metadata on GCE only, blank values counting as missing', async () => {
    const env = environment({ 'cluster-name': ' prod ', zone: ' ' });
    expect(await detectMetadata(env, true, 'cluster-name')).toBe('prod');
    expect(await detectMetadata(env, true, 'zone')).toBeUndefined();
    expect(await detectMetadata(env, false, 'cluster-name')).toBeUndefined();
    expect(env.reads).toEqual(['cluster-name', 'zone']);
  });

  it('says why a value was not detected', () => {
    expect(undetectedReason(false)).toBe('no GCE metadata server');
    expect(undetectedReason(true)).toBe('the GCE metadata server does not have it');
  });
});
