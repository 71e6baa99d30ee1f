import type { IncomingMessage, ServerResponse } from 'node:http';
import { field, record, text } from '../object-access.js';
import { ApiError, badRequest } from '../status.js';
import type { StatusCause } from '../status.js';
import type { UserInfo } from './auth-policy.js';
import type { AccessAttributes, Authenticator, Authorizer } from './policy-authorizer.js';
import { readJsonBody } from './read-json-body.js';

/** POST /apis/authentication.k8s.io/v1/tokenreviews. */
export async function handleTokenReview(
  req: IncomingMessage,
  res: ServerResponse,
  authenticator: Authenticator,
): Promise<void> {
  const body = await readJsonBody(req);
  expectKind(body, 'TokenReview', 'authentication.k8s.io/v1');
  const spec = record(body, 'spec') ?? {};
  const token = text(spec, 'token');
  if (token === '') throw badRequest('token is required for TokenReview in authentication.k8s.io');
  const user = authenticator.authenticateToken(token);
  const audiences = field(spec, 'audiences');
  const status: Record<string, unknown> =
    user === undefined
      ? { user: {}, error: 'invalid bearer token' }
      : { authenticated: true, user: userJson(user) };
  if (user !== undefined && Array.isArray(audiences)) status.audiences = audiences;
  writeCreated(res, {
    kind: 'TokenReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  });
}

/** POST /apis/authorization.k8s.io/v1/subjectaccessreviews (and selfsubjectaccessreviews with `self`). */
export async function handleAccessReview(
  req: IncomingMessage,
  res: ServerResponse,
  authorizer: Authorizer,
  self: UserInfo | undefined,
): Promise<void> {
  const kind = self === undefined ? 'SubjectAccessReview' : 'SelfSubjectAccessReview';
  const body = await readJsonBody(req);
  expectKind(body, kind, 'authorization.k8s.io/v1');
  const spec = record(body, 'spec') ?? {};
  const resourceAttributes = record(spec, 'resourceAttributes');
  const nonResourceAttributes = record(spec, 'nonResourceAttributes');
  const causes: StatusCause[] = [];
  if ((resourceAttributes === undefined) === (nonResourceAttributes === undefined)) {
    causes.push({
      reason: 'FieldValueRequired',
      message:
        'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      field: 'spec.resourceAttributes',
    });
  }
  let user = self;
  if (user === undefined) {
    const username = text(spec, 'user');
    const groups = field(spec, 'groups');
    const groupList = Array.isArray(groups)
      ? groups.filter((g): g is string => typeof g === 'string')
      : [];
    if (username === '' && groupList.length === 0) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "": at least one of user or group must be specified',
        field: 'spec.user',
      });
    }
    user = { username, groups: groupList };
  }
  if (causes.length > 0) {
    const message = `${kind}.authorization.k8s.io "" is invalid: ${causes.map(c => `${c.field}: ${c.message}`).join(', ')}`;
    throw new ApiError(422, message, { group: 'authorization.k8s.io', kind, causes });
  }
  const access: AccessAttributes =
    resourceAttributes !== undefined
      ? {
          kind: 'resource',
          attributes: {
            verb: text(resourceAttributes, 'verb'),
            group: text(resourceAttributes, 'group'),
            version: text(resourceAttributes, 'version'),
            resource: text(resourceAttributes, 'resource'),
            ...optional('subresource', text(resourceAttributes, 'subresource')),
            ...optional('namespace', text(resourceAttributes, 'namespace')),
            ...optional('name', text(resourceAttributes, 'name')),
          },
        }
      : {
          kind: 'nonResource',
          attributes: {
            verb: text(nonResourceAttributes, 'verb'),
            path: text(nonResourceAttributes, 'path'),
          },
        };
  const decision = authorizer.authorize(user, access);
  const status: Record<string, unknown> = { allowed: decision.allowed };
  if (decision.reason !== '') status.reason = decision.reason;
  writeCreated(res, {
    kind,
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  });
}

function optional(key: string, value: string): Record<string, string> {
  return value === '' ? {} : { [key]: value };
}

function userJson(user: UserInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { username: user.username };
  if (user.uid !== undefined) out.uid = user.uid;
  if (user.groups !== undefined && user.groups.length > 0) out.groups = user.groups;
  if (user.extra !== undefined) out.extra = user.extra;
  return out;
}

function expectKind(body: unknown, kind: string, apiVersion: string): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest(`the request body must be a ${kind} object`);
  const k = text(body, 'kind');
  const v = text(body, 'apiVersion');
  if ((k !== '' && k !== kind) || (v !== '' && v !== apiVersion)) {
    throw badRequest(
      `the body of the request was of kind "${v}, Kind=${k}", expected "${apiVersion}, Kind=${kind}"`,
    );
  }
}

function writeCreated(res: ServerResponse, object: unknown): void {
  const json = JSON.stringify(object);
  res.writeHead(201, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-cache, private',
  });
  res.end(json);
}
