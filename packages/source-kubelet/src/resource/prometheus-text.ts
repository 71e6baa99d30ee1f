import { DecodeError, describeValue } from '../decode/decode-error.js';

/** One sample of a Prometheus text body; `labels` holds name, value, name, value, … */
export type SampleVisitor = (
  name: string,
  labels: readonly string[],
  value: number,
  timestampMs: number | undefined,
  line: number,
) => void;

/**
 * Parses the Prometheus text exposition format (0.0.4) that the kubelet's /metrics/resource
 * serves and hands every sample to `visit`. Comments (HELP, TYPE) are skipped. Any line that is
 * not a well-formed sample throws a DecodeError naming the line: `line 12: expected "=" after
 * label name "pod", got "}"`.
 */
export function parsePrometheusText(text: string, visit: SampleVisitor): void {
  // The format ends every line, the last included, with "\n": without it the body was cut off
  // and the last number may be a prefix of the real one.
  if (text.length > 0 && !text.endsWith('\n')) {
    const lines = text.split('\n').length;
    throw new DecodeError(
      `line ${lines}`,
      'the body is truncated (its last line has no line feed)',
    );
  }
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const first = firstNonBlank(text, start, end);
    if (first < end && text.charCodeAt(first) !== HASH) {
      new LineParser(text, first, end, line).sample(visit);
    }
    start = end + 1;
  }
}

const HASH = 35;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;

function firstNonBlank(text: string, from: number, end: number): number {
  let i = from;
  while (
    i < end &&
    (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB || text.charCodeAt(i) === 13)
  )
    i++;
  return i;
}

/** [a-zA-Z_:], and digits too when `digits` (char codes, not a RegExp: this is the hot loop). */
function isNameChar(c: number, digits: boolean): boolean {
  const lower = c | 0x20;
  return (lower >= 97 && lower <= 122) || c === 95 || c === 58 || (digits && c >= 48 && c <= 57);
}

class LineParser {
  private _at: number;
  private readonly _text: string;
  private readonly _end: number;
  private readonly _line: number;

  constructor(text: string, at: number, end: number, line: number) {
    this._text = text;
    this._at = at;
    // A CRLF body: the CR is not part of the last token.
    this._end = end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    this._line = line;
  }

  sample(visit: SampleVisitor): void {
    const name = this._name('metric name');
    const labels: string[] = [];
    if (this._peek() === '{') this._labels(labels);
    this._blanks(true);
    const value = this._value();
    let timestamp: number | undefined;
    if (this._blanks(false) && this._at < this._end) timestamp = this._timestamp();
    this._blanks(false);
    if (this._at < this._end)
      this._fail(`unexpected ${describeValue(this._rest())} after the sample`);
    visit(name, labels, value, timestamp, this._line);
  }

  private _labels(out: string[]): void {
    this._at++; // '{'
    for (;;) {
      this._blanks(false);
      if (this._peek() === '}') break;
      const label = this._name('label name');
      this._blanks(false);
      if (this._peek() !== '=')
        this._fail(`expected "=" after label name "${label}", got ${this._got()}`);
      this._at++;
      this._blanks(false);
      out.push(label, this._quoted(label));
      this._blanks(false);
      const next = this._peek();
      if (next === ',') this._at++;
      else if (next !== '}')
        this._fail(`expected "," or "}" after label "${label}", got ${this._got()}`);
    }
    this._at++; // '}'
  }

  private _quoted(label: string): string {
    if (this._text.charCodeAt(this._at) !== QUOTE) {
      this._fail(`expected a quoted value for label "${label}", got ${this._got()}`);
    }
    let out = '';
    let from = ++this._at;
    while (this._at < this._end) {
      const c = this._text.charCodeAt(this._at);
      if (c === QUOTE) {
        out += this._text.slice(from, this._at++);
        return out;
      }
      if (c === BACKSLASH) {
        out += this._text.slice(from, this._at);
        const escaped = this._text[this._at + 1];
        out += escaped === 'n' ? '\n' : (escaped ?? '');
        this._at += 2;
        from = this._at;
      } else {
        this._at++;
      }
    }
    return this._fail(`the value of label "${label}" is not closed`);
  }

  private _value(): number {
    const token = this._token();
    if (token === '') this._fail('expected a value after the metric name');
    const value = parseGoFloat(token);
    if (Number.isNaN(value) && token !== 'NaN')
      this._fail(`expected a number, got ${describeValue(token)}`);
    return value;
  }

  private _timestamp(): number {
    const token = this._token();
    if (!/^-?\d+$/.test(token))
      this._fail(`expected a timestamp in milliseconds, got ${describeValue(token)}`);
    return Number(token);
  }

  private _name(what: string): string {
    const from = this._at;
    if (this._at >= this._end || !isNameChar(this._text.charCodeAt(this._at), false)) {
      this._fail(`expected a ${what}, got ${this._got()}`);
    }
    this._at++;
    while (this._at < this._end && isNameChar(this._text.charCodeAt(this._at), true)) this._at++;
    return this._text.slice(from, this._at);
  }

  private _token(): string {
    const from = this._at;
    while (this._at < this._end) {
      const c = this._text.charCodeAt(this._at);
      if (c === SPACE || c === TAB) break;
      this._at++;
    }
    return this._text.slice(from, this._at);
  }

  /** Skips blanks; returns whether there were any. `required` fails when there are none. */
  private _blanks(required: boolean): boolean {
    const from = this._at;
    while (this._at < this._end) {
      const c = this._text.charCodeAt(this._at);
      if (c !== SPACE && c !== TAB) break;
      this._at++;
    }
    if (required && this._at === from)
      this._fail(`expected a space before the value, got ${this._got()}`);
    return this._at > from;
  }

  private _peek(): string {
    return this._at < this._end ? (this._text[this._at] as string) : '';
  }

  private _rest(): string {
    return this._text.slice(this._at, this._end);
  }

  private _got(): string {
    return this._at >= this._end ? 'the end of the line' : describeValue(this._rest().slice(0, 20));
  }

  private _fail(problem: string): never {
    throw new DecodeError(`line ${this._line}`, problem);
  }
}

/** Go's strconv.ParseFloat as client_golang writes it: decimal, exponent, NaN, ±Inf. */
export function parseGoFloat(token: string): number {
  switch (token) {
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    case 'NaN':
      return Number.NaN;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(token)) return Number.NaN;
  return Number(token);
}
