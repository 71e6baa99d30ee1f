import { describe, expect, it } from '@jest/globals';
import { ApiError, badParameter, entityNotFound, shorten } from './api-error.js';
import { heapsterErrorBody, kubernetesStatus, toApiError } from './error-bodies.js';
import { errorStyleOf } from './error-handling.js';

describe('error bodies', () => {
  it('should write a bad parameter as a Heapster body naming it', () => {
    expect(heapsterErrorBody(badParameter('start', 'x', 'not a time'))).toEqual({
      error: 'invalid start "x": not a time',
      code: 'HEAPSTER_ERR_BAD_PARAMETER',
      status: 400,
      parameter: 'start',
    });
  });

  it('should write Kubernetes Status bodies with causes and details', () => {
    expect(kubernetesStatus(badParameter('labelSelector', 'a==', 'bad'))).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'invalid labelSelector "a==": bad',
      reason: 'BadRequest',
      details: {
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: 'invalid labelSelector "a==": bad',
            field: 'labelSelector',
          },
        ],
      },
      code: 400,
    });
    expect(kubernetesStatus(entityNotFound('nodemetrics.metrics.k8s.io', 'x'))).toMatchObject({
      message: 'nodemetrics.metrics.k8s.io "x" not found',
      reason: 'NotFound',
      details: { name: 'x', kind: 'nodemetrics.metrics.k8s.io' },
      code: 404,
    });
  });

  it('should map thrown values by status, keeping every 4xx a 4xx and everything else a 500', () => {
    expect(toApiError({ statusCode: 413, message: 'too big' }).code).toBe(
      'HEAPSTER_ERR_PAYLOAD_TOO_LARGE',
    );
    expect(toApiError({ statusCode: 414 }).statusCode).toBe(414);
    const unsupported = toApiError({ statusCode: 415, message: 'Unsupported Media Type' });
    expect([unsupported.code, unsupported.statusCode]).toEqual(['HEAPSTER_ERR_BAD_REQUEST', 415]);
    expect(kubernetesStatus(unsupported).reason).toBe('UnsupportedMediaType');
    expect(toApiError({ code: 403, message: 'no' }).statusCode).toBe(403);
    const bug = toApiError(new TypeError('x is undefined'));
    expect([bug.code, bug.statusCode, bug.message]).toEqual([
      'HEAPSTER_ERR_INTERNAL',
      500,
      'internal error while serving the request',
    ]);
    const own = new ApiError('HEAPSTER_ERR_FORBIDDEN', 'no');
    expect(toApiError(own)).toBe(own);
  });

  it('should keep a precise status only for generic bad requests', () => {
    expect(new ApiError('HEAPSTER_ERR_NOT_FOUND', 'x', { status: 410 }).statusCode).toBe(404);
    expect(new ApiError('HEAPSTER_ERR_BAD_REQUEST', 'x', { status: 500 }).statusCode).toBe(400);
  });

  it('should shorten huge echoed values', () => {
    const long = 'x'.repeat(10_000);
    expect(shorten(long)).toHaveLength(200 + '…(10000 chars)'.length);
    expect(badParameter('labels', long, 'bad').message.length).toBeLessThan(300);
  });

  it('should pick the body style by path', () => {
    expect(errorStyleOf('/apis/metrics.k8s.io/v1beta1/nodes?x=1')).toBe('kubernetes');
    expect(errorStyleOf('/api/v1/nodes/n1')).toBe('kubernetes');
    expect(errorStyleOf('/api')).toBe('kubernetes');
    expect(errorStyleOf('/api/v1/model/nodes')).toBe('heapster');
    expect(errorStyleOf('/api/v1/metric-export-schema')).toBe('heapster');
    expect(errorStyleOf('/healthz')).toBe('heapster');
    expect(errorStyleOf('/apiary')).toBe('heapster');
  });
});
