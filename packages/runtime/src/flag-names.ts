/**
 * Go binaries parsed flags with pflag's word-separator normalisation, so `--metric_resolution`
 * and `--metric-resolution` are the same flag. Commander does not, so names are normalised
 * before parsing: underscores in the flag name (never in its value) become dashes. Go's
 * single-dash long flags (`-sink=log`, and glog's `-v=2`) are accepted too; a lone
 * single-letter flag (`-h`) is left to commander as a short option.
 */
export function normalizeFlagNames(argv: readonly string[]): string[] {
  return argv.map(arg => {
    const match = /^(--?)([A-Za-z][A-Za-z0-9_-]*)(=.*)?$/s.exec(arg);
    if (match === null) return arg;
    const [, dashes, name = '', value = ''] = match;
    if (dashes === '-' && name.length === 1 && value === '') return arg;
    return `--${name.replace(/_/g, '-')}${value}`;
  });
}
