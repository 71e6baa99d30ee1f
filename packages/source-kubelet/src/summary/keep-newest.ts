/**
 * The items whose key is unique, or, where a key repeats, the one with the newest start time
 * (a terminated container listed next to its running successor; a pod recreated under the same
 * name while the old one is still reported). Heapster kept whichever came last in a map, which
 * could be the dead one. Order is preserved; on equal start times the later entry wins.
 * `hintOf`, when given, must answer equal strings for items whose keys are equal.
 */
export function keepNewest<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  startOf: (item: T) => number,
  hintOf: (item: T) => string = keyOf,
): readonly T[] {
  // `hintOf` is a part of the key (a pod's name without its namespace): items with equal keys
  // have equal hints, so distinct hints rule duplicates out without building every key.
  if (items.length < 2 || !hasDuplicates(items, hintOf) || !hasDuplicates(items, keyOf)) {
    return items;
  }
  const winners = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const previous = winners.get(key);
    // NaN (no start time) loses to any known time: `>` with NaN is false either way round.
    if (previous === undefined || !(startOf(previous) > startOf(item))) winners.set(key, item);
  }
  return items.filter(item => winners.get(keyOf(item)) === item);
}

const SMALL = 8;

function hasDuplicates<T>(items: readonly T[], keyOf: (item: T) => string): boolean {
  if (items.length <= SMALL) {
    // No allocation for the common case of a pod with a handful of containers.
    for (let i = 1; i < items.length; i++) {
      const key = keyOf(items[i] as T);
      for (let j = 0; j < i; j++) if (keyOf(items[j] as T) === key) return true;
    }
    return false;
  }
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
