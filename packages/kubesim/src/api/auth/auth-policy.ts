/** Who a bearer token or client certificate stands for (authentication.k8s.io UserInfo). */
export interface UserInfo {
  readonly username: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/**
 * One allow rule, RBAC-like. A rule names its subject with `user` or `group` (neither = every
 * authenticated user) and either resources (`apiGroups`, `resources` incl. "pods/status",
 * `namespaces`) or `nonResourceURLs` ("/version", "/apis/*"). Omitted lists mean any.
 */
export interface AuthRule {
  readonly user?: string;
  readonly group?: string;
  readonly verbs: readonly string[] | '*';
  readonly apiGroups?: readonly string[] | '*';
  readonly resources?: readonly string[] | '*';
  readonly namespaces?: readonly string[] | '*';
  readonly nonResourceURLs?: readonly string[];
}

/**
 * Static tokens and allow rules. Without `rules`, every authenticated user may do everything;
 * with `rules`, only what a rule allows (members of system:masters may always do everything).
 */
export interface AuthPolicy {
  readonly tokens?: Readonly<Record<string, UserInfo>>;
  readonly rules?: readonly AuthRule[];
}

/** Checks a policy's shape; errors name the offending field. */
export function validateAuthPolicy(policy: AuthPolicy): AuthPolicy {
  for (const [token, user] of Object.entries(policy.tokens ?? {})) {
    if (token === '') throw new Error('authPolicy.tokens: a token must be a non-empty string');
    if (typeof user.username !== 'string' || user.username === '') {
      throw new Error(
        `authPolicy.tokens["${token.slice(0, 4)}…"].username must be a non-empty string`,
      );
    }
    if (user.groups !== undefined && !isStringArray(user.groups)) {
      throw new Error(
        `authPolicy.tokens["${token.slice(0, 4)}…"].groups must be an array of strings`,
      );
    }
  }
  (policy.rules ?? []).forEach((rule, i) => {
    const at = `authPolicy.rules[${i}]`;
    if (rule.user !== undefined && rule.group !== undefined)
      throw new Error(`${at}: set user or group, not both`);
    if (rule.verbs !== '*' && (!isStringArray(rule.verbs) || rule.verbs.length === 0)) {
      throw new Error(`${at}.verbs must be '*' or a non-empty array of verbs`);
    }
    for (const key of ['apiGroups', 'resources', 'namespaces'] as const) {
      const value = rule[key];
      if (value !== undefined && value !== '*' && !isStringArray(value)) {
        throw new Error(`${at}.${key} must be '*' or an array of strings`);
      }
    }
    if (rule.nonResourceURLs !== undefined) {
      if (!isStringArray(rule.nonResourceURLs))
        throw new Error(`${at}.nonResourceURLs must be an array of strings`);
      if (
        rule.resources !== undefined ||
        rule.apiGroups !== undefined ||
        rule.namespaces !== undefined
      ) {
        throw new Error(
          `${at}: nonResourceURLs cannot be combined with resources, apiGroups or namespaces`,
        );
      }
    }
  });
  return policy;
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string');
}
