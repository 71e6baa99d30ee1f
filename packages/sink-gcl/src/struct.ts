/** google.protobuf.Value in the object form the gRPC encoder takes. */
export type StructValue =
  | { readonly nullValue: 'NULL_VALUE' }
  | { readonly numberValue: number }
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  | { readonly structValue: Struct }
  | { readonly listValue: { readonly values: readonly StructValue[] } };

export interface Struct {
  readonly fields: Readonly<Record<string, StructValue>>;
}

/**
 * A JSON object as google.protobuf.Struct (the form `jsonPayload` travels in over gRPC). Values
 * JSON cannot hold are left out as JSON.stringify leaves them: undefined and functions in
 * objects, non-finite numbers become null.
 */
export function toStruct(object: object): Struct {
  const fields: Record<string, StructValue> = {};
  for (const [key, value] of Object.entries(object)) {
    const converted = toValue(value);
    if (converted !== undefined) fields[key] = converted;
  }
  return { fields };
}

function toValue(value: unknown): StructValue | undefined {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'number':
      return Number.isFinite(value) ? { numberValue: value } : { nullValue: 'NULL_VALUE' };
    case 'boolean':
      return { boolValue: value };
    case 'object':
      if (value === null) return { nullValue: 'NULL_VALUE' };
      if (Array.isArray(value)) {
        return {
          listValue: { values: value.map(item => toValue(item) ?? { nullValue: 'NULL_VALUE' }) },
        };
      }
      return { structValue: toStruct(value) };
    default:
      return undefined;
  }
}
