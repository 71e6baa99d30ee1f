import { describe, expect, it } from '@jest/globals';
import {
  GrpcCode,
  grpcCodeName,
  grpcCodeOf,
  grpcMessageOf,
  grpcStatusName,
  isTransient,
} from './grpc-codes.js';

describe('gRPC codes', () => {
  it("spells codes the Go way (Heapster's metric labels) and the canonical way", () => {
    expect([0, 1, 3, 4, 7, 14, 16].map(grpcCodeName)).toEqual([
      'OK',
      'Canceled',
      'InvalidArgument',
      'DeadlineExceeded',
      'PermissionDenied',
      'Unavailable',
      'Unauthenticated',
    ]);
    expect([0, 1, 3, 4, 7, 14, 16].map(grpcStatusName)).toEqual([
      'OK',
      'CANCELLED',
      'INVALID_ARGUMENT',
      'DEADLINE_EXCEEDED',
      'PERMISSION_DENIED',
      'UNAVAILABLE',
      'UNAUTHENTICATED',
    ]);
    expect(grpcCodeName(17)).toBe('Code(17)');
    expect(grpcStatusName(-1)).toBe('CODE_-1');
  });

  it('reads the code of a failed call; anything without one is Unknown', () => {
    expect(grpcCodeOf(Object.assign(new Error('x'), { code: 7 }))).toBe(7);
    expect(grpcCodeOf(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(2);
    expect(grpcCodeOf(new Error('could not load the default credentials'))).toBe(2);
    expect(grpcCodeOf(null)).toBe(GrpcCode.Unknown);
  });

  it('counts unreachable, overloaded and internal failures as transient, the rest as permanent', () => {
    const transient = Array.from({ length: 17 }, (_, code) => code).filter(isTransient);
    expect(transient.map(grpcCodeName)).toEqual([
      'Canceled',
      'Unknown',
      'DeadlineExceeded',
      'ResourceExhausted',
      'Aborted',
      'Internal',
      'Unavailable',
    ]);
  });

  it("drops gax's code prefix from messages", () => {
    expect(grpcMessageOf(new Error('3 INVALID_ARGUMENT: bad point 7'))).toBe('bad point 7');
    expect(grpcMessageOf(new Error('plain failure'))).toBe('plain failure');
    expect(grpcMessageOf('14 UNAVAILABLE: down')).toBe('down');
  });
});
