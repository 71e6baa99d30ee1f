/** Who a request comes from (authentication.k8s.io UserInfo); what SubjectAccessReview is asked about. */
export interface UserInfo {
  readonly username: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** The attributes of a request that authorization decides on (kube-apiserver's RequestInfo). */
export type AccessAttributes =
  | {
      readonly kind: 'resource';
      readonly verb: string;
      readonly group: string;
      readonly version: string;
      readonly resource: string;
      readonly subresource?: string;
      readonly namespace?: string;
      readonly name?: string;
    }
  | { readonly kind: 'nonResource'; readonly verb: string; readonly path: string };

/** `User "bob" cannot list resource "pods" in API group "metrics.k8s.io" in the namespace "x"`. */
export function forbiddenMessage(user: UserInfo, access: AccessAttributes, reason: string): string {
  const who = `User ${JSON.stringify(user.username)}`;
  const why = reason === '' ? '' : `: ${reason}`;
  if (access.kind === 'nonResource') {
    return `forbidden: ${who} cannot ${access.verb} path ${JSON.stringify(access.path)}${why}`;
  }
  const resource =
    access.subresource === undefined ? access.resource : `${access.resource}/${access.subresource}`;
  const qualified = access.group === '' ? resource : `${resource}.${access.group}`;
  const subject =
    access.name === undefined ? qualified : `${qualified} ${JSON.stringify(access.name)}`;
  const scope =
    access.namespace === undefined
      ? 'at the cluster scope'
      : `in the namespace ${JSON.stringify(access.namespace)}`;
  return `${subject} is forbidden: ${who} cannot ${access.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(access.group)} ${scope}${why}`;
}
