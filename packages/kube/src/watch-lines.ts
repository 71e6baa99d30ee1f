/**
 * Splits a byte stream into lines at '\n' without decoding what is not a whole line yet: a line
 * inside one chunk is decoded straight from it, a line across chunks is joined once. (UTF-8
 * never has a 0x0A byte inside a character, so splitting bytes is safe.) Blank lines are
 * skipped. A partial line longer than `maxLineBytes` throws `tooLong()`, so a stream without
 * newlines cannot grow memory without bound.
 */
export class LineSplitter {
  private readonly _maxLineBytes: number;
  private readonly _tooLong: () => Error;
  private _partial: Buffer[] = [];
  private _partialBytes = 0;

  constructor(maxLineBytes: number, tooLong: () => Error) {
    this._maxLineBytes = maxLineBytes;
    this._tooLong = tooLong;
  }

  /** The complete lines that `chunk` ends (without their '\n'). */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    let newline = chunk.indexOf(10, start);
    while (newline >= 0) {
      let line: string;
      if (this._partial.length > 0) {
        this._partial.push(chunk.subarray(start, newline));
        line = Buffer.concat(this._partial).toString('utf8');
        this._partial = [];
        this._partialBytes = 0;
      } else {
        line = chunk.toString('utf8', start, newline);
      }
      if (!isBlank(line)) lines.push(line);
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      this._partial.push(start === 0 ? chunk : chunk.subarray(start));
      this._partialBytes += chunk.length - start;
      if (this._partialBytes > this._maxLineBytes) throw this._tooLong();
    }
    return lines;
  }

  /** What is left after the last '\n' (a stream may end without one); undefined if blank. */
  end(): string | undefined {
    if (this._partial.length === 0) return undefined;
    const line = Buffer.concat(this._partial).toString('utf8');
    this._partial = [];
    this._partialBytes = 0;
    return isBlank(line) ? undefined : line;
  }
}

function isBlank(line: string): boolean {
  return line.length === 0 || line.trim().length === 0;
}
