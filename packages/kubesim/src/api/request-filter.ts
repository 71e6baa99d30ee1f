import { FieldSelector } from './field-selector.js';
import { LabelSelector, SelectorParseError } from './label-selector.js';
import { compileFieldSelector } from './object-fields.js';
import type { KubeObject } from './object-store.js';
import type { ServedResource } from './resources.js';
import { badRequest } from './status.js';

export type ObjectFilter = (object: KubeObject) => boolean;

export interface CompiledFilter {
  readonly matches: ObjectFilter;
  /** True when neither selector restricts anything. */
  readonly everything: boolean;
}

/**
 * The labelSelector and fieldSelector of a list or watch, checked against the resource's
 * selectable fields. Errors become 400 BadRequest with the apimachinery message; the cause
 * names the query parameter and the selector text.
 */
export function compileFilter(resource: ServedResource, query: URLSearchParams): CompiledFilter {
  const labelText = query.get('labelSelector') ?? '';
  const fieldText = query.get('fieldSelector') ?? '';
  let labels: LabelSelector;
  let fields: ObjectFilter;
  let fieldsEmpty: boolean;
  try {
    labels = LabelSelector.parse(labelText);
  } catch (error) {
    throw selectorError(error, 'labelSelector', labelText);
  }
  try {
    const parsed = FieldSelector.parse(fieldText);
    fields = compileFieldSelector(parsed, resource.fields);
    fieldsEmpty = parsed.empty;
  } catch (error) {
    throw selectorError(error, 'fieldSelector', fieldText);
  }
  if (labels.empty && fieldsEmpty) return { matches: () => true, everything: true };
  return { matches: o => labels.matches(o.metadata.labels) && fields(o), everything: false };
}

function selectorError(error: unknown, parameter: string, selector: string): Error {
  if (!(error instanceof SelectorParseError)) return error as Error;
  return badRequest(error.message, [
    {
      reason: 'FieldValueInvalid',
      message: `${parameter} "${selector}": ${error.message}`,
      field: parameter,
    },
  ]);
}
