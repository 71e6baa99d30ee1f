import { CORE_RESOURCES, EVENTS_V1_RESOURCE } from './resources.js';
import type { ServedResource } from './resources.js';

/** metav1.APIResource as discovery lists it. */
export interface ApiResourceInfo {
  readonly name: string;
  readonly singularName: string;
  readonly namespaced: boolean;
  readonly kind: string;
  readonly verbs: readonly string[];
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
}

/** A further API group to advertise in /apis and /apis/<group>[/<version>] (served via extraRoutes). */
export interface ExtraApiGroup {
  readonly name: string;
  readonly versions: readonly {
    readonly version: string;
    readonly resources: readonly ApiResourceInfo[];
  }[];
  /** Defaults to the first version. */
  readonly preferredVersion?: string;
}

export interface VersionInfo {
  readonly major: string;
  readonly minor: string;
  readonly gitVersion: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly buildDate: string;
  readonly goVersion: string;
  readonly compiler: string;
  readonly platform: string;
}

/** /version for a given gitVersion such as "v1.20.2". */
export function versionInfo(gitVersion: string): VersionInfo {
  const match = /^v(\d+)\.(\d+)/.exec(gitVersion);
  if (match === null) throw new Error(`kubeVersion must look like "v1.20.2", got "${gitVersion}"`);
  return {
    major: match[1] as string,
    minor: match[2] as string,
    gitVersion,
    gitCommit: 'faecb196815e248d3ecfb03c680a4507229c2a56',
    gitTreeState: 'clean',
    buildDate: '2021-01-13T13:20:00Z',
    goVersion: 'go1.15.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

const READ_VERBS = ['get', 'list', 'watch'];

function served(resource: ServedResource): ApiResourceInfo[] {
  const main: ApiResourceInfo = {
    name: resource.name,
    singularName: resource.singularName,
    namespaced: resource.namespaced,
    kind: resource.kind,
    verbs: READ_VERBS,
    ...(resource.shortNames.length > 0 ? { shortNames: resource.shortNames } : {}),
    ...(resource.categories === undefined ? {} : { categories: resource.categories }),
  };
  const subs = resource.subresources.map(sub => ({
    name: `${resource.name}/${sub}`,
    singularName: '',
    namespaced: resource.namespaced,
    kind: resource.kind,
    verbs: ['get'],
  }));
  return [main, ...subs];
}

const BUILT_IN_GROUPS: readonly ExtraApiGroup[] = [
  { name: 'events.k8s.io', versions: [{ version: 'v1', resources: served(EVENTS_V1_RESOURCE) }] },
  {
    name: 'authentication.k8s.io',
    versions: [
      {
        version: 'v1',
        resources: [
          {
            name: 'tokenreviews',
            singularName: 'tokenreview',
            namespaced: false,
            kind: 'TokenReview',
            verbs: ['create'],
          },
        ],
      },
    ],
  },
  {
    name: 'authorization.k8s.io',
    versions: [
      {
        version: 'v1',
        resources: [
          {
            name: 'selfsubjectaccessreviews',
            singularName: 'selfsubjectaccessreview',
            namespaced: false,
            kind: 'SelfSubjectAccessReview',
            verbs: ['create'],
          },
          {
            name: 'subjectaccessreviews',
            singularName: 'subjectaccessreview',
            namespaced: false,
            kind: 'SubjectAccessReview',
            verbs: ['create'],
          },
        ],
      },
    ],
  },
];

function groupJson(group: ExtraApiGroup): Record<string, unknown> {
  const versions = group.versions.map(v => ({
    groupVersion: `${group.name}/${v.version}`,
    version: v.version,
  }));
  const preferred = group.preferredVersion ?? group.versions[0]?.version ?? '';
  return {
    name: group.name,
    versions,
    preferredVersion: { groupVersion: `${group.name}/${preferred}`, version: preferred },
  };
}

/**
 * The discovery document for a path, or undefined when the path is not a discovery path.
 * Always legacy JSON (APIVersions, APIGroupList, APIGroup, APIResourceList).
 */
export function discoveryDocument(
  pathname: string,
  serverAddress: string,
  extraGroups: readonly ExtraApiGroup[],
): unknown {
  const path = pathname.replace(/\/+$/, '');
  const groups = [...BUILT_IN_GROUPS, ...extraGroups];
  if (path === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }
  if (path === '/api/v1') {
    return {
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: CORE_RESOURCES.flatMap(served),
    };
  }
  if (path === '/apis') {
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupJson) };
  }
  const match = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (match === null) return undefined;
  const group = groups.find(g => g.name === match[1]);
  if (group === undefined) return undefined;
  if (match[2] === undefined) return { kind: 'APIGroup', apiVersion: 'v1', ...groupJson(group) };
  const version = group.versions.find(v => v.version === match[2]);
  if (version === undefined) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${group.name}/${version.version}`,
    resources: version.resources,
  };
}
