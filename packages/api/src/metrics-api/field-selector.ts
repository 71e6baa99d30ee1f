import { SelectorError } from './label-selector.js';

/** The fields a metrics object can be selected by (as metrics-server's filter). */
export const METRICS_FIELDS: readonly string[] = ['metadata.name', 'metadata.namespace'];

interface FieldRequirement {
  readonly field: string;
  readonly equal: boolean;
  readonly value: string;
}

/**
 * A field selector (`metadata.name=x,metadata.namespace!=y`, `==` too) with apimachinery's
 * escaping (`\,`, `\=`, `\\` in values). Unlike metrics-server, which silently treats an unknown
 * field as empty, an unsupported field is refused, naming it, as kube-apiserver does for pods.
 */
export class FieldSelector {
  private constructor(private readonly _requirements: readonly FieldRequirement[]) {}

  /** Parses `text`, refusing fields not in `supported` (the metrics objects' two by default). */
  static parse(text: string, supported: readonly string[] = METRICS_FIELDS): FieldSelector {
    const requirements: FieldRequirement[] = [];
    for (const term of splitUnescaped(text, ',')) {
      if (term === '') continue;
      const split = splitTerm(term);
      if (split === undefined) {
        throw new SelectorError(`invalid selector "${text}": can't understand "${term}"`);
      }
      if (!supported.includes(split.field)) {
        throw new SelectorError(
          `field label not supported: "${split.field}" (supported: ${supported.join(', ')})`,
        );
      }
      requirements.push({
        field: split.field,
        equal: split.operator !== '!=',
        value: unescape(split.value),
      });
    }
    return new FieldSelector(requirements);
  }

  get empty(): boolean {
    return this._requirements.length === 0;
  }

  /** The value an `=` requirement pins `field` to (lets a list skip straight to one object). */
  pinned(field: string): string | undefined {
    return this._requirements.find(r => r.field === field && r.equal)?.value;
  }

  /** Whether an object of this name and namespace matches (metrics objects' two fields). */
  matches(name: string, namespace: string): boolean {
    return this.matchesFields(field => (field === 'metadata.name' ? name : namespace));
  }

  /** Whether an object whose field values `valueOf` gives matches. */
  matchesFields(valueOf: (field: string) => string): boolean {
    for (const r of this._requirements) {
      if ((valueOf(r.field) === r.value) !== r.equal) return false;
    }
    return true;
  }
}

/** apimachinery's splitTerm: the first unescaped `!=`, `==` or `=` splits field from value. */
function splitTerm(term: string): { field: string; operator: string; value: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    if (term.charAt(i) === '\\') {
      i++;
      continue;
    }
    for (const operator of ['!=', '==', '=']) {
      if (term.startsWith(operator, i)) {
        return { field: term.slice(0, i), operator, value: term.slice(i + operator.length) };
      }
    }
  }
  return undefined;
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') i++;
    else if (c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unescape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = value.charAt(i + 1);
    if (next !== '\\' && next !== ',' && next !== '=') {
      throw new SelectorError(`invalid escape sequence "\\${next}" in field selector value`);
    }
    out += next;
    i++;
  }
  return out;
}
