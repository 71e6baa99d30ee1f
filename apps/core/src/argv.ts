/**
 * Heapster parsed flags with pflag's word-separator normalisation, so `--metric_resolution`
 * and `--metric-resolution` are the same flag. Commander does not, so names are normalised
 * before parsing: underscores in the flag name (not in its value) become dashes.
 * Go's single-dash long flags (`-v=2`, `-sink=log`) are accepted too.
 */
export function normalizeFlagNames(argv: readonly string[]): string[] {
  return argv.map(arg => {
    const match = /^(--?)([A-Za-z][A-Za-z0-9_-]*)(=.*)?$/s.exec(arg);
    if (match === null) return arg;
    const [, dashes, name = '', value = ''] = match;
    if (dashes === '-' && name.length === 1) return arg;
    return `--${name.replace(/_/g, '-')}${value}`;
  });
}
