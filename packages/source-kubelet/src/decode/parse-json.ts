import { DecodeError } from './decode-error.js';

/** JSON.parse whose failures are DecodeErrors that say where the text broke off. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new DecodeError('', 'the body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw jsonError(text, error);
  }
}

function jsonError(text: string, error: unknown): DecodeError {
  const message = error instanceof Error ? error.message : String(error);
  const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  // V8 reports the end of a cut-off text either as "end of JSON input" or as a position at the end.
  const truncated = /end of (JSON )?input/i.test(message) || position >= text.length - 1;
  const what = truncated ? 'the body is truncated' : 'the body is not valid JSON';
  const near = Number.isNaN(position)
    ? ''
    : ` near ${JSON.stringify(text.slice(Math.max(0, position - 20), position + 20))}`;
  return new DecodeError('', `${what} (${text.length} characters): ${message}${near}`, {
    cause: error,
  });
}
