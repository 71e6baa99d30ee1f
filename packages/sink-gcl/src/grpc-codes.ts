/** gRPC status codes the sink tells apart (the rest are permanent). */
export const GrpcCode = {
  Ok: 0,
  Canceled: 1,
  Unknown: 2,
  DeadlineExceeded: 4,
  ResourceExhausted: 8,
  Aborted: 10,
  Internal: 13,
  Unavailable: 14,
} as const;

const NAMES: Readonly<Record<number, string>> = {
  0: 'OK',
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  10: 'ABORTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};

export function grpcCodeName(code: number): string {
  return NAMES[code] ?? `CODE_${code}`;
}

/** The status code of a failed call; errors without one (auth, local) count as Unknown. */
export function grpcCodeOf(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && Number.isInteger(code) ? code : GrpcCode.Unknown;
}

/** Sent again at once: the codes the client's own config retries WriteLogEntries on. */
export function isRetriedInCall(code: number): boolean {
  return (
    code === GrpcCode.Unavailable ||
    code === GrpcCode.DeadlineExceeded ||
    code === GrpcCode.Internal
  );
}

/** Worth retrying the batch later (the eventer does, with backoff); the rest fails the same way again. */
export function isTransient(code: number): boolean {
  return (
    isRetriedInCall(code) ||
    code === GrpcCode.ResourceExhausted ||
    code === GrpcCode.Unknown ||
    code === GrpcCode.Canceled ||
    code === GrpcCode.Aborted
  );
}
