/**
 * Kubernetes label selectors (`k8s.io/apimachinery/pkg/labels`): `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`, comma-separated and ANDed. `!=` and
 * `notin` also match objects without the key, as upstream. Keys and values are validated the
 * way the API server validates them, so a selector it would refuse is refused here too.
 */

export type Labels = Readonly<Record<string, string>>;

type Operator = 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'absent' | 'gt' | 'lt';

interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/** A selector the API server would refuse; the message says what and where. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export class LabelSelector {
  private constructor(private readonly _requirements: readonly Requirement[]) {}

  /** Parses a selector; "" selects everything. Throws SelectorError. */
  static parse(text: string): LabelSelector {
    return new LabelSelector(new Parser(text).parse());
  }

  get empty(): boolean {
    return this._requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    for (const r of this._requirements) if (!requirementMatches(r, labels)) return false;
    return true;
  }
}

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'eq':
    case 'in':
      return value !== undefined && r.values.includes(value);
    case 'neq':
    case 'notin':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case 'absent':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^-?\d+$/.test(value)) return false;
      const bound = Number(r.values[0]);
      return r.operator === 'gt' ? Number(value) > bound : Number(value) < bound;
    }
  }
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a valid label key (qualified name), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `invalid label key "${key}": prefix part must be a lowercase RFC 1123 subdomain`;
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `invalid label key "${key}": name part must be 1-63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character`;
  }
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  if (value === '' || (value.length <= 63 && NAME.test(value))) return undefined;
  return `invalid label value "${value}": must be at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character`;
}

type Token = { kind: 'id' | 'op' | 'end'; text: string };
const SPECIAL = '=!(),<>';
const OPERATORS = ['==', '!=', '=', '!', '(', ')', ',', '<', '>'];

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (SPECIAL.includes(c)) {
      const op = OPERATORS.find(o => text.startsWith(o, i));
      if (op === undefined) throw new SelectorError(`unexpected "${c}" at position ${i}`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      let j = i;
      while (j < text.length && !SPECIAL.includes(text.charAt(j)) && !/\s/.test(text.charAt(j)))
        j++;
      tokens.push({ kind: 'id', text: text.slice(i, j) });
      i = j;
    }
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

class Parser {
  private readonly _tokens: Token[];
  private _pos = 0;

  constructor(private readonly _text: string) {
    this._tokens = lex(_text);
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    if (this._peek().kind === 'end') return requirements;
    for (;;) {
      requirements.push(this._requirement());
      const next = this._next();
      if (next.kind === 'end') return requirements;
      if (next.text !== ',') this._fail(`expected "," or end of selector, found "${next.text}"`);
    }
  }

  private _requirement(): Requirement {
    if (this._peek().text === '!') {
      this._pos++;
      return { key: this._key(), operator: 'absent', values: [] };
    }
    const key = this._key();
    const next = this._peek();
    if (next.kind === 'end' || next.text === ',') return { key, operator: 'exists', values: [] };
    this._pos++;
    if (next.kind === 'id' && (next.text === 'in' || next.text === 'notin')) {
      return { key, operator: next.text, values: this._set() };
    }
    const operator: Operator | undefined =
      next.text === '=' || next.text === '=='
        ? 'eq'
        : next.text === '!='
          ? 'neq'
          : next.text === '>'
            ? 'gt'
            : next.text === '<'
              ? 'lt'
              : undefined;
    if (operator === undefined) {
      this._fail(`found "${next.text}", expected one of: in, notin, =, ==, !=, >, <`);
    }
    const value = this._peek().kind === 'id' ? this._next().text : '';
    if (operator === 'gt' || operator === 'lt') {
      if (!/^-?\d+$/.test(value))
        this._fail(`for "${key}" with ${next.text}, the value must be an integer`);
    } else {
      this._check(labelValueProblem(value));
    }
    return { key, operator, values: [value] };
  }

  private _key(): string {
    const token = this._next();
    if (token.kind !== 'id') this._fail(`expected a label key, found "${token.text}"`);
    this._check(labelKeyProblem(token.text));
    return token.text;
  }

  private _set(): string[] {
    if (this._next().text !== '(') this._fail('expected "(" after in/notin');
    const values: string[] = [];
    for (;;) {
      const value = this._peek().kind === 'id' ? this._next().text : '';
      this._check(labelValueProblem(value));
      values.push(value);
      const token = this._next();
      if (token.text === ')') break;
      if (token.text !== ',')
        this._fail(`expected "," or ")" in a value set, found "${token.text}"`);
    }
    if (values.length === 1 && values[0] === '' && this._tokens[this._pos - 2]?.text === '(') {
      this._fail('for "in" and "notin", the set of values must not be empty');
    }
    return values;
  }

  private _peek(): Token {
    return this._tokens[this._pos] ?? { kind: 'end', text: '' };
  }

  private _next(): Token {
    const token = this._peek();
    if (token.kind !== 'end') this._pos++;
    return token;
  }

  private _check(problem: string | undefined): void {
    if (problem !== undefined) this._fail(problem);
  }

  private _fail(message: string): never {
    throw new SelectorError(`unable to parse requirement in "${this._text}": ${message}`);
  }
}
