import { PermanentError } from '@heapster/runtime';

/**
 * A kubelet response that is not what the API promises. The message starts with where the
 * problem is — a field path such as `pods[3].containers[0].cpu.usageCoreNanoSeconds`, or a line
 * of a Prometheus text body — so that an operator can find it in the raw response.
 */
export class DecodeError extends PermanentError {
  /** The field path or line the problem is at ('' when it concerns the whole body). */
  readonly at: string;

  constructor(at: string, problem: string, options?: { cause?: unknown }) {
    super(at === '' ? problem : `${at}: ${problem}`, {
      code: 'HEAPSTER_ERR_KUBELET_DECODE',
      ...(options?.cause === undefined ? {} : { cause: options.cause }),
    });
    this.at = at;
  }
}

const MAX_SHOWN = 40;

/** A short description of an unexpected value, for messages: `"abc"`, `an object`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string': {
      const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
      return JSON.stringify(shown);
    }
    case 'number':
    case 'boolean':
      return String(value);
    default:
      return typeof value;
  }
}
