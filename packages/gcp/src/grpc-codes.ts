/**
 * gRPC status codes by number, each with its two spellings: Go's `codes.Code.String()`
 * (`Unavailable`, the values Heapster's `heapster_stackdriver_*{code}` series carried) and the
 * canonical proto name (`UNAVAILABLE`, what Google's own messages and logs print).
 */
const CODES: readonly (readonly [go: string, canonical: string])[] = [
  ['OK', 'OK'],
  ['Canceled', 'CANCELLED'],
  ['Unknown', 'UNKNOWN'],
  ['InvalidArgument', 'INVALID_ARGUMENT'],
  ['DeadlineExceeded', 'DEADLINE_EXCEEDED'],
  ['NotFound', 'NOT_FOUND'],
  ['AlreadyExists', 'ALREADY_EXISTS'],
  ['PermissionDenied', 'PERMISSION_DENIED'],
  ['ResourceExhausted', 'RESOURCE_EXHAUSTED'],
  ['FailedPrecondition', 'FAILED_PRECONDITION'],
  ['Aborted', 'ABORTED'],
  ['OutOfRange', 'OUT_OF_RANGE'],
  ['Unimplemented', 'UNIMPLEMENTED'],
  ['Internal', 'INTERNAL'],
  ['Unavailable', 'UNAVAILABLE'],
  ['DataLoss', 'DATA_LOSS'],
  ['Unauthenticated', 'UNAUTHENTICATED'],
];

/** The codes the sinks tell apart (the rest are permanent). */
export const GrpcCode = {
  Ok: 0,
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  ResourceExhausted: 8,
  Aborted: 10,
  Internal: 13,
  Unavailable: 14,
} as const;

/** Go's spelling, e.g. `Unavailable`; `Code(n)` for a number gRPC does not define. */
export function grpcCodeName(code: number): string {
  return CODES[code]?.[0] ?? `Code(${code})`;
}

/** The canonical spelling, e.g. `UNAVAILABLE`; `CODE_n` for a number gRPC does not define. */
export function grpcStatusName(code: number): string {
  return CODES[code]?.[1] ?? `CODE_${code}`;
}

/** The status code of a failed call; errors without one (auth, local) count as Unknown. */
export function grpcCodeOf(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && Number.isInteger(code) ? code : GrpcCode.Unknown;
}

/**
 * Worth retrying later, as a whole batch: the service was unreachable, overloaded, out of quota
 * or failed inside. Everything else (InvalidArgument, PermissionDenied, NotFound,
 * Unauthenticated, ...) fails again the same way.
 */
export function isTransient(code: number): boolean {
  return (
    code === GrpcCode.Unavailable ||
    code === GrpcCode.DeadlineExceeded ||
    code === GrpcCode.Internal ||
    code === GrpcCode.ResourceExhausted ||
    code === GrpcCode.Unknown ||
    code === GrpcCode.Canceled ||
    code === GrpcCode.Aborted
  );
}

/** An error's message without gax's "3 INVALID_ARGUMENT: " prefix (the code is reported on its own). */
export function grpcMessageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^\d+ [A-Z_]+: /, '');
}
