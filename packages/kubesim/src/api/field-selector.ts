import { SelectorParseError } from './label-selector.js';
import type { Selector } from './label-selector.js';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** Reads a selectable field of an object as its string form ("" when absent). */
export type FieldReader = (field: string) => string;

/**
 * A parsed field selector (`a=b,c!=d`, also `==`), with apimachinery's escaping: `\,`, `\=` and
 * `\\` in values. Field names are checked against a resource's supported fields separately
 * (see object-fields.ts), as the API server's field label conversion does.
 */
export class FieldSelector implements Selector<FieldReader> {
  private constructor(readonly requirements: readonly FieldRequirement[]) {}

  static parse(text: string): FieldSelector {
    const requirements: FieldRequirement[] = [];
    for (const term of splitTerms(text).sort()) {
      if (term === '') continue;
      const split = splitTerm(term);
      if (split === undefined) {
        throw new SelectorParseError(`invalid selector: '${text}'; can't understand '${term}'`);
      }
      requirements.push({
        field: split.field,
        operator: split.operator,
        value: unescapeValue(split.value),
      });
    }
    return new FieldSelector(requirements);
  }

  get empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(read: FieldReader): boolean {
    return this.requirements.every(r => (read(r.field) === r.value) === (r.operator === '='));
  }
}

function splitTerms(text: string): string[] {
  if (text === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

function splitTerm(
  term: string,
): { field: string; operator: '=' | '!='; value: string } | undefined {
  for (let i = 0; i < term.length; i += 1) {
    const rest = term.slice(i);
    if (rest.startsWith('!='))
      return { field: term.slice(0, i), operator: '!=', value: term.slice(i + 2) };
    if (rest.startsWith('=='))
      return { field: term.slice(0, i), operator: '=', value: term.slice(i + 2) };
    if (rest.startsWith('='))
      return { field: term.slice(0, i), operator: '=', value: term.slice(i + 1) };
  }
  return undefined;
}

function unescapeValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let inSlash = false;
  for (const c of value) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new SelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. its code point.
      throw new SelectorParseError(
        `invalid field selector: unescaped character in value: ${c.codePointAt(0)}`,
      );
    } else {
      out += c;
    }
  }
  if (inSlash) throw new SelectorParseError('invalid field selector: invalid escape sequence: \\');
  return out;
}
