import { labelKeyErrors, labelValueErrors } from './label-validation.js';

/** A selector the API server could not parse; the message is apimachinery's. */
export class SelectorParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorParseError';
  }
}

export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

export interface Selector<T> {
  readonly empty: boolean;
  matches(target: T): boolean;
}

export type Labels = Readonly<Record<string, string>> | undefined;

/**
 * A parsed label selector with the full Kubernetes syntax: `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`, comma-separated and ANDed. Semantics as
 * labels.Requirement.Matches: `!=` and `notin` also match objects without the key.
 */
export class LabelSelector implements Selector<Labels> {
  private constructor(readonly requirements: readonly LabelRequirement[]) {}

  static parse(text: string): LabelSelector {
    return new LabelSelector(new Parser(text).parse());
  }

  get empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    return this.requirements.every(r => requirementMatches(r, labels ?? {}));
  }
}

function requirementMatches(
  r: LabelRequirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return value !== undefined && r.values.includes(value);
    case '!=':
    case 'notin':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^[-+]?\d+$/.test(value)) return false;
      const actual = Number(value);
      const bound = Number(r.values[0]);
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

type Token =
  | 'ident'
  | 'end'
  | '('
  | ')'
  | ','
  | '!'
  | '='
  | '=='
  | '!='
  | '>'
  | '<'
  | 'in'
  | 'notin'
  | 'error';

interface Item {
  readonly token: Token;
  readonly literal: string;
}

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOLS = new Set<string>(['(', ')', ',', '!', '=', '==', '!=', '>', '<']);
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

function lex(text: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && /[ \t\r\n]/.test(text.charAt(pos))) pos += 1;
    if (pos >= text.length) {
      items.push({ token: 'end', literal: '' });
      return items;
    }
    if (SPECIAL.has(text.charAt(pos))) {
      // Longest run of special characters that is still a known symbol ("!=" before "!").
      let best = '';
      let buffer = '';
      let end = pos;
      while (end < text.length && SPECIAL.has(text.charAt(end))) {
        buffer += text.charAt(end);
        if (SYMBOLS.has(buffer)) best = buffer;
        else if (best !== '') break;
        end += 1;
      }
      if (best === '') {
        items.push({ token: 'error', literal: `error expected: keyword found '${buffer}'` });
        return items;
      }
      items.push({ token: best as Token, literal: best });
      pos += best.length;
      continue;
    }
    let end = pos;
    while (
      end < text.length &&
      !SPECIAL.has(text.charAt(end)) &&
      !/[ \t\r\n]/.test(text.charAt(end))
    )
      end += 1;
    const word = text.slice(pos, end);
    items.push({ token: word === 'in' || word === 'notin' ? word : 'ident', literal: word });
    pos = end;
  }
}

class Parser {
  private readonly items: Item[];
  private position = 0;

  constructor(text: string) {
    this.items = lex(text);
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const next = this.peek(true);
      if (next.token === 'end') return sortByKey(requirements);
      if (next.token !== 'ident' && next.token !== '!') {
        throw new SelectorParseError(
          `found '${next.literal}', expected: !, identifier, or 'end of string'`,
        );
      }
      try {
        requirements.push(this.requirement());
      } catch (error) {
        throw new SelectorParseError(`unable to parse requirement: ${(error as Error).message}`);
      }
      const after = this.consume(true);
      if (after.token === 'end') return sortByKey(requirements);
      if (after.token !== ',') {
        throw new SelectorParseError(`found '${after.literal}', expected: ',' or 'end of string'`);
      }
      const following = this.peek(true);
      if (following.token !== 'ident' && following.token !== '!') {
        throw new SelectorParseError(
          `found '${following.literal}', expected: identifier after ','`,
        );
      }
    }
  }

  private requirement(): LabelRequirement {
    let item = this.consume(true);
    let negated = false;
    if (item.token === '!') {
      negated = true;
      item = this.consume(true);
    }
    if (item.token !== 'ident') throw new Error(`found '${item.literal}', expected: identifier`);
    const key = item.literal;
    const keyErrors = labelKeyErrors(key);
    if (keyErrors.length > 0)
      throw new Error(`invalid label key "${key}": ${keyErrors.join('; ')}`);
    const next = this.peek(true);
    // "!key" takes no operator; anything after it is reported by the caller as a missing ','.
    if (negated) return { key, operator: '!', values: [] };
    if (next.token === 'end' || next.token === ',') return { key, operator: 'exists', values: [] };
    const op = this.consume(false);
    let operator: LabelOperator;
    switch (op.token) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        operator = op.token;
        break;
      case '>':
        operator = 'gt';
        break;
      case '<':
        operator = 'lt';
        break;
      default:
        throw new Error(`found '${op.literal}', expected: ${BINARY_OPERATORS}`);
    }
    const values =
      operator === 'in' || operator === 'notin' ? this.valueSet() : [this.exactValue()];
    if ((operator === 'gt' || operator === 'lt') && !/^[-+]?\d+$/.test(values[0] ?? '')) {
      throw new Error("for 'Gt', 'Lt' operators, the value must be an integer");
    }
    for (const value of values) {
      const errors = labelValueErrors(value);
      if (errors.length > 0)
        throw new Error(`invalid label value: "${value}": at key: "${key}": ${errors.join('; ')}`);
    }
    return { key, operator, values };
  }

  private valueSet(): string[] {
    const open = this.consume(true);
    if (open.token !== '(') throw new Error(`found '${open.literal}' expected: '('`);
    const values = new Set<string>();
    const first = this.peek(true);
    if (first.token === ')') {
      this.consume(true);
      return [''];
    }
    if (first.token !== 'ident' && first.token !== ',') {
      throw new Error(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    for (;;) {
      const item = this.consume(true);
      if (item.token === 'ident') {
        values.add(item.literal);
        const after = this.peek(true);
        if (after.token === ',') continue;
        if (after.token === ')') break;
        throw new Error(`found '${after.literal}', expected: ',' or ')'`);
      }
      if (item.token === ',') {
        // "(,a)", "(a,,b)" and "(a,)" carry empty values.
        if (values.size === 0) values.add('');
        const after = this.peek(true);
        if (after.token === ')') {
          values.add('');
          break;
        }
        if (after.token === ',') values.add('');
        continue;
      }
      throw new Error(`found '${item.literal}', expected: ',', or identifier`);
    }
    const close = this.consume(true);
    if (close.token !== ')') throw new Error(`found '${close.literal}', expected: ')'`);
    return [...values].sort();
  }

  private exactValue(): string {
    const next = this.peek(true);
    if (next.token === 'end' || next.token === ',') return '';
    const item = this.consume(true);
    if (item.token === 'ident') return item.literal;
    throw new Error(`found '${item.literal}', expected: identifier`);
  }

  // In value position the keywords "in" and "notin" are ordinary identifiers.
  private peek(asValue: boolean): Item {
    return this.view(this.items[this.position], asValue);
  }

  private consume(asValue: boolean): Item {
    const item = this.view(this.items[this.position], asValue);
    if (this.position < this.items.length - 1) this.position += 1;
    return item;
  }

  private view(item: Item | undefined, asValue: boolean): Item {
    const at = item ?? { token: 'end', literal: '' };
    if (at.token === 'error') throw new SelectorParseError(at.literal);
    if (asValue && (at.token === 'in' || at.token === 'notin'))
      return { token: 'ident', literal: at.literal };
    return at;
  }
}

function sortByKey(requirements: LabelRequirement[]): LabelRequirement[] {
  return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
