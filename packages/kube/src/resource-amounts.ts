import type { ResourceAmounts } from './cluster-records.js';
import { ObjectDecodeError, objectField, type ConversionContext } from './conversion-context.js';

const NO_EXTENDED: Readonly<Record<string, number>> = Object.freeze({});

/** The amounts of an object with no resources at all (shared: most limits are empty). */
export const NO_RESOURCES: ResourceAmounts = Object.freeze({ extended: NO_EXTENDED });

/**
 * Converts a Kubernetes resource list (`{"cpu":"250m","memory":"64Mi","nvidia.com/gpu":"1"}`)
 * into numbers. Identical lists (most replicas share theirs) map to one shared frozen object.
 */
export function toResourceAmounts(
  value: unknown,
  field: string,
  context: ConversionContext,
): ResourceAmounts {
  const list = objectField(value, field);
  const keys = Object.keys(list);
  if (keys.length === 0) return NO_RESOURCES;
  let signature = '';
  for (const key of keys) {
    const text = list[key];
    if (typeof text !== 'string') {
      // The API server always writes quantities as strings; a number would be a broken proxy.
      throw new ObjectDecodeError(`${field}.${key} is not a quantity string`);
    }
    signature += `${key}=${text};`;
  }
  const known = context.knownAmounts(signature);
  if (known !== undefined) return known;

  let cpuMillis: number | undefined;
  let memoryBytes: number | undefined;
  let ephemeralBytes: number | undefined;
  let pods: number | undefined;
  let extended: Record<string, number> | undefined;
  for (const key of keys) {
    const text = list[key] as string;
    const at = `${field}.${key}`;
    switch (key) {
      case 'cpu':
        cpuMillis = context.millis(text, at);
        break;
      case 'memory':
        memoryBytes = context.value(text, at);
        break;
      case 'ephemeral-storage':
        ephemeralBytes = context.value(text, at);
        break;
      case 'pods':
        pods = context.value(text, at);
        break;
      default:
        extended ??= {};
        extended[context.intern(key)] = context.value(text, at);
    }
  }
  const amounts: ResourceAmounts = Object.freeze({
    ...(cpuMillis === undefined ? {} : { cpuMillis }),
    ...(memoryBytes === undefined ? {} : { memoryBytes }),
    ...(ephemeralBytes === undefined ? {} : { ephemeralBytes }),
    ...(pods === undefined ? {} : { pods }),
    extended: extended === undefined ? NO_EXTENDED : Object.freeze(extended),
  });
  context.rememberAmounts(signature, amounts);
  return amounts;
}
