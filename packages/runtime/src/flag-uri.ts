/**
 * The parts of a `--source` / `--sink` value in Heapster's syntax `TYPE[:TARGET][?OPTIONS]`:
 * as in Heapster's `common/flags/flags.go`, the type ends at the first ':' (or '?'), `$VAR` and
 * `${VAR}` in the rest are expanded from the environment, then the rest is TARGET?OPTIONS.
 */
export interface FlagUri {
  readonly type: string;
  /** What follows `TYPE:` up to the '?', env-expanded (a URL, a path, or ''). */
  readonly target: string;
  /** Query options; keys may repeat (`brokers=a&brokers=b`). */
  readonly options: URLSearchParams;
}

export function splitFlagUri(
  raw: string,
  env: Readonly<Record<string, string | undefined>>,
): FlagUri {
  const value = raw.trim();
  const colon = value.indexOf(':');
  const question = value.indexOf('?');
  const typeEnd =
    colon >= 0 && (question < 0 || colon < question)
      ? colon
      : question >= 0
        ? question
        : value.length;
  const rest = expandEnv(value.slice(typeEnd + (typeEnd === colon ? 1 : 0)), env);
  const restQuestion = rest.indexOf('?');
  return {
    type: value.slice(0, typeEnd),
    target: restQuestion >= 0 ? rest.slice(0, restQuestion) : rest,
    options: new URLSearchParams(restQuestion >= 0 ? rest.slice(restQuestion + 1) : ''),
  };
}

/** Replaces `$NAME` and `${NAME}` by environment values (unset → empty, as Go's os.ExpandEnv). */
export function expandEnv(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, braced?: string, bare?: string) => env[braced ?? bare ?? ''] ?? '',
  );
}
