import type { FieldReader, FieldSelector } from './field-selector.js';
import { SelectorParseError } from './label-selector.js';
import { text } from './object-access.js';
import type { KubeObject } from './object-store.js';

type FieldGetter = (object: KubeObject) => string;
export type FieldSet = Readonly<Record<string, FieldGetter>>;

const name: FieldGetter = o => o.metadata.name;
const namespace: FieldGetter = o => o.metadata.namespace ?? '';

/** Selectable fields per resource, as the real registries' GetAttrs/field label conversions. */
export const NODE_FIELDS: FieldSet = {
  'metadata.name': name,
  'spec.unschedulable': o => (text(o, 'spec', 'unschedulable') === 'true' ? 'true' : 'false'),
};

export const NAMESPACE_FIELDS: FieldSet = {
  'metadata.name': name,
  'status.phase': o => text(o, 'status', 'phase'),
};

export const POD_FIELDS: FieldSet = {
  'metadata.name': name,
  'metadata.namespace': namespace,
  'spec.nodeName': o => text(o, 'spec', 'nodeName'),
  'spec.restartPolicy': o => text(o, 'spec', 'restartPolicy'),
  'spec.schedulerName': o => text(o, 'spec', 'schedulerName'),
  'spec.serviceAccountName': o => text(o, 'spec', 'serviceAccountName'),
  'spec.hostNetwork': o => (text(o, 'spec', 'hostNetwork') === 'true' ? 'true' : 'false'),
  'status.phase': o => text(o, 'status', 'phase'),
  'status.podIP': o => text(o, 'status', 'podIP'),
  'status.nominatedNodeName': o => text(o, 'status', 'nominatedNodeName'),
};

const involved =
  (key: string): FieldGetter =>
  o =>
    text(o, 'involvedObject', key);

export const EVENT_FIELDS: FieldSet = {
  'metadata.name': name,
  'metadata.namespace': namespace,
  'involvedObject.kind': involved('kind'),
  'involvedObject.namespace': involved('namespace'),
  'involvedObject.name': involved('name'),
  'involvedObject.uid': involved('uid'),
  'involvedObject.apiVersion': involved('apiVersion'),
  'involvedObject.resourceVersion': involved('resourceVersion'),
  'involvedObject.fieldPath': involved('fieldPath'),
  reason: o => text(o, 'reason'),
  reportingComponent: o => text(o, 'reportingComponent'),
  source: o => text(o, 'source', 'component'),
  type: o => text(o, 'type'),
};

/** events.k8s.io/v1 names for the same stored fields (regarding = involvedObject). */
export const EVENT_V1_FIELDS: FieldSet = {
  ...EVENT_FIELDS,
  'regarding.kind': involved('kind'),
  'regarding.namespace': involved('namespace'),
  'regarding.name': involved('name'),
  'regarding.uid': involved('uid'),
  'regarding.apiVersion': involved('apiVersion'),
  'regarding.resourceVersion': involved('resourceVersion'),
  'regarding.fieldPath': involved('fieldPath'),
  reportingController: o => text(o, 'reportingComponent'),
  'deprecatedSource.component': o => text(o, 'source', 'component'),
};

/**
 * Checks every field the selector names against the resource's set (unsupported →
 * `field label not supported: x`, as the API server answers) and returns a matcher.
 */
export function compileFieldSelector(
  selector: FieldSelector,
  fields: FieldSet,
): (object: KubeObject) => boolean {
  for (const requirement of selector.requirements) {
    if (!Object.prototype.hasOwnProperty.call(fields, requirement.field)) {
      throw new SelectorParseError(`field label not supported: ${requirement.field}`);
    }
  }
  if (selector.empty) return () => true;
  return object => {
    const read: FieldReader = f => (fields[f] as FieldGetter)(object);
    return selector.matches(read);
  };
}
