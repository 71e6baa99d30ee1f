import type { AccessDecision, ReviewClient, TokenReviewResult } from './review-client.js';
import type { AccessAttributes, UserInfo } from './user-info.js';

/**
 * How reviews reach the API server: POST a JSON body to a path, resolve with the parsed JSON
 * answer, reject with a classified error (RetryableError, PermanentError). The core passes its
 * Kubernetes client here, so reviews use exactly the credentials of every other API call.
 */
export interface ReviewTransport {
  postJson(path: string, body: unknown): Promise<unknown>;
}

/** TokenReview and SubjectAccessReview request and answer shapes, over any transport. */
export class ApiReviewClient implements ReviewClient {
  constructor(private readonly _transport: ReviewTransport) {}

  async reviewToken(token: string): Promise<TokenReviewResult> {
    const status = await this._review('/apis/authentication.k8s.io/v1/tokenreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token },
    });
    const user = record(status.user);
    const username = typeof user.username === 'string' ? user.username : '';
    if (status.authenticated !== true || username === '') {
      return {
        authenticated: false,
        ...(typeof status.error === 'string' ? { error: status.error } : {}),
      };
    }
    return {
      authenticated: true,
      user: {
        username,
        ...(typeof user.uid === 'string' && user.uid !== '' ? { uid: user.uid } : {}),
        groups: strings(user.groups),
        ...(user.extra !== undefined ? { extra: extraOf(user.extra) } : {}),
      },
    };
  }

  async reviewAccess(user: UserInfo, access: AccessAttributes): Promise<AccessDecision> {
    const { kind, ...attributes } = access;
    const spec: Record<string, unknown> = {
      [kind === 'resource' ? 'resourceAttributes' : 'nonResourceAttributes']: attributes,
      user: user.username,
      groups: user.groups,
    };
    if (user.uid !== undefined) spec.uid = user.uid;
    if (user.extra !== undefined) spec.extra = user.extra;
    const status = await this._review('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec,
    });
    const reason =
      typeof status.reason === 'string' && status.reason !== ''
        ? status.reason
        : typeof status.evaluationError === 'string'
          ? status.evaluationError
          : '';
    return { allowed: status.allowed === true && status.denied !== true, reason };
  }

  private async _review(path: string, body: unknown): Promise<Record<string, unknown>> {
    return record(record(await this._transport.postJson(path, body)).status);
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function extraOf(value: unknown): Record<string, string[]> {
  const extra: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(record(value))) extra[key] = strings(values);
  return extra;
}
