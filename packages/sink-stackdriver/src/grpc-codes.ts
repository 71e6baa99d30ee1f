/**
 * gRPC status codes by number, spelled as Go's `codes.Code.String()` — the values Heapster's
 * `heapster_stackdriver_*{code}` series carried, so existing dashboards keep matching.
 */
const NAMES: readonly string[] = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
];

export const GrpcCode = {
  Ok: 0,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  ResourceExhausted: 8,
  Internal: 13,
  Unavailable: 14,
} as const;

export function grpcCodeName(code: number): string {
  return NAMES[code] ?? `Code(${code})`;
}

/** The status code of a failed call; errors without one (auth, local) count as Unknown. */
export function grpcCodeOf(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && Number.isInteger(code) ? code : GrpcCode.Unknown;
}

/** Worth sending the same request again at once (Heapster's reasons, and the client config's). */
export function isRetriedInCall(code: number): boolean {
  return code === GrpcCode.Unavailable || code === GrpcCode.DeadlineExceeded;
}

/**
 * Worth retrying later, as a whole batch: the service was unreachable, overloaded or out of
 * quota. Everything else (InvalidArgument, PermissionDenied, NotFound, Unauthenticated, ...)
 * fails again the same way.
 */
export function isTransient(code: number): boolean {
  return (
    isRetriedInCall(code) ||
    code === GrpcCode.ResourceExhausted ||
    code === GrpcCode.Internal ||
    code === GrpcCode.Unknown ||
    code === 1 || // Canceled
    code === 10 // Aborted
  );
}
