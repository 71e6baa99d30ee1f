import { ApiError, badRequest } from './status.js';

export interface ContinuePosition {
  /** resourceVersion of the list's first page. */
  readonly resourceVersion: number;
  /** Key to resume from (inclusive): the last returned key plus "\u0000". */
  readonly startKey: string;
}

/** The opaque token in the real API server's format: base64url of {"v","rv","start"}. */
export function encodeContinue(resourceVersion: number, lastKey: string): string {
  const json = JSON.stringify({
    v: 'meta.k8s.io/v1',
    rv: resourceVersion,
    start: `${lastKey}\u0000`,
  });
  return Buffer.from(json, 'utf8').toString('base64url');
}

export function decodeContinue(token: string): ContinuePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data or not JSON');
  }
  const p = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (p.v !== 'meta.k8s.io/v1') {
    throw badRequest('continue key is not valid: server does not recognize this encoded key');
  }
  if (
    typeof p.rv !== 'number' ||
    !Number.isInteger(p.rv) ||
    p.rv < 0 ||
    typeof p.start !== 'string' ||
    p.start === ''
  ) {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  return { resourceVersion: p.rv, startKey: p.start };
}

export function continueExpired(): ApiError {
  return new ApiError(
    410,
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
    undefined,
    'Expired',
  );
}
