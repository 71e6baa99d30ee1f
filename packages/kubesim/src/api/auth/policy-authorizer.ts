import type { AuthPolicy, AuthRule, UserInfo } from './auth-policy.js';

export interface ResourceAttributes {
  readonly verb: string;
  readonly group: string;
  readonly version?: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface NonResourceAttributes {
  readonly verb: string;
  readonly path: string;
}

export type AccessAttributes =
  | { readonly kind: 'resource'; readonly attributes: ResourceAttributes }
  | { readonly kind: 'nonResource'; readonly attributes: NonResourceAttributes };

export interface Decision {
  readonly allowed: boolean;
  readonly reason: string;
}

export interface Authenticator {
  authenticateToken(token: string): UserInfo | undefined;
}

export interface Authorizer {
  authorize(user: UserInfo, access: AccessAttributes): Decision;
}

const SUPERUSER_GROUP = 'system:masters';

/** Static-token authentication and rule-based authorisation from an AuthPolicy. */
export class PolicyAuthorizer implements Authenticator, Authorizer {
  constructor(private readonly policy: AuthPolicy) {}

  /** The token's user with system:authenticated added, as the API server's authenticators do. */
  authenticateToken(token: string): UserInfo | undefined {
    const tokens = this.policy.tokens ?? {};
    if (!Object.prototype.hasOwnProperty.call(tokens, token)) return undefined;
    const user = tokens[token] as UserInfo;
    return withAuthenticatedGroup(user);
  }

  authorize(user: UserInfo, access: AccessAttributes): Decision {
    const groups = user.groups ?? [];
    if (groups.includes(SUPERUSER_GROUP))
      return { allowed: true, reason: `allowed: member of ${SUPERUSER_GROUP}` };
    const rules = this.policy.rules;
    if (rules === undefined) return { allowed: true, reason: 'allowed: the policy has no rules' };
    const index = rules.findIndex(
      rule => subjectMatches(rule, user) && accessMatches(rule, access),
    );
    return index >= 0
      ? { allowed: true, reason: `allowed by rule #${index}` }
      : { allowed: false, reason: '' };
  }
}

export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  const groups = user.groups ?? [];
  return groups.includes('system:authenticated')
    ? user
    : { ...user, groups: [...groups, 'system:authenticated'] };
}

function subjectMatches(rule: AuthRule, user: UserInfo): boolean {
  if (rule.user !== undefined) return rule.user === user.username;
  if (rule.group !== undefined) return (user.groups ?? []).includes(rule.group);
  return true;
}

function anyOf(list: readonly string[] | '*' | undefined, value: string): boolean {
  return list === undefined || list === '*' || list.includes('*') || list.includes(value);
}

function accessMatches(rule: AuthRule, access: AccessAttributes): boolean {
  if (!anyOf(rule.verbs, access.attributes.verb)) return false;
  if (access.kind === 'nonResource') {
    if (rule.nonResourceURLs === undefined)
      return (
        rule.resources === undefined &&
        rule.apiGroups === undefined &&
        rule.namespaces === undefined
      );
    const path = access.attributes.path;
    return rule.nonResourceURLs.some(
      u => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
    );
  }
  if (rule.nonResourceURLs !== undefined) return false;
  const a = access.attributes;
  const resource =
    a.subresource === undefined || a.subresource === ''
      ? a.resource
      : `${a.resource}/${a.subresource}`;
  const resources = rule.resources;
  const resourceOk =
    resources === undefined ||
    resources === '*' ||
    resources.some(
      r =>
        r === '*' ||
        r === resource ||
        (r === `*/${a.subresource ?? ''}` && a.subresource !== undefined),
    );
  const namespaceOk = rule.namespaces === undefined || anyOf(rule.namespaces, a.namespace ?? '');
  return resourceOk && anyOf(rule.apiGroups, a.group) && namespaceOk;
}

/** The API server's 403 message for a denied request. */
export function forbiddenMessage(user: UserInfo, access: AccessAttributes, reason: string): string {
  const suffix = reason === '' ? '' : `: ${reason}`;
  if (access.kind === 'nonResource') {
    const a = access.attributes;
    return `forbidden: User "${user.username}" cannot ${a.verb} path "${a.path}"${suffix}`;
  }
  const a = access.attributes;
  const resource = a.subresource === undefined ? a.resource : `${a.resource}/${a.subresource}`;
  const qualified = a.group === '' ? a.resource : `${a.resource}.${a.group}`;
  const subject = a.name === undefined ? qualified : `${qualified} "${a.name}"`;
  const scope =
    a.namespace === undefined || a.namespace === ''
      ? 'at the cluster scope'
      : `in the namespace "${a.namespace}"`;
  return `${subject} is forbidden: User "${user.username}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}${suffix}`;
}
