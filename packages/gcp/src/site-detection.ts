import type { FieldProblem } from '@heapster/runtime';
import type { GcpEnvironment, MetadataKey } from './gcp-environment.js';

/**
 * The project from the options, else from Application Default Credentials. When neither has
 * one, adds a problem naming the `project` option of the `type` sink and returns undefined.
 */
export async function resolveProject(
  type: string,
  configured: string | undefined,
  environment: GcpEnvironment,
  problems: FieldProblem[],
): Promise<string | undefined> {
  const project = configured ?? nonEmpty(await environment.adcProject());
  if (project === undefined) {
    problems.push({
      field: `${type} sink option project`,
      message:
        'required: no project from Application Default Credentials (GOOGLE_CLOUD_PROJECT, key file, gcloud or metadata server); set ?project=<project id>',
    });
  }
  return project;
}

/** A metadata value, or undefined off GCE (`onGce` false) or when it is missing or blank. */
export async function detectMetadata(
  environment: GcpEnvironment,
  onGce: boolean,
  key: MetadataKey,
): Promise<string | undefined> {
  return onGce ? nonEmpty(await environment.metadata(key)) : undefined;
}

/** Why a value was not detected, for a problem message. */
export function undetectedReason(onGce: boolean): string {
  return onGce ? 'the GCE metadata server does not have it' : 'no GCE metadata server';
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
