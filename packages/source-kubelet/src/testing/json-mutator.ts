import { pick } from './prng.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replacement values a broken or hostile kubelet might send. */
const ODD_VALUES: readonly Json[] = [
  'abc',
  'NaN',
  '',
  '12',
  true,
  null,
  {},
  [],
  -1,
  -0.5,
  1.5,
  1e300,
  2 ** 64,
  2 ** 53 + 2,
  0,
];

interface Slot {
  readonly parent: Json[] | { [key: string]: Json };
  readonly key: string | number;
}

function slots(value: Json, out: Slot[]): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      out.push({ parent: value, key: i });
      slots(child, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push({ parent: value, key });
      slots(child, out);
    }
  }
  return out;
}

/**
 * One random corruption of a JSON text: a field deleted, a value replaced by one of another
 * type or out of range, the text cut off, or a byte changed. Returns the new text.
 */
export function mutateJson(text: string, random: () => number): string {
  const kind = random();
  if (kind < 0.1) return text.slice(0, Math.floor(random() * text.length));
  if (kind < 0.15) {
    const at = Math.floor(random() * text.length);
    return (
      text.slice(0, at) +
      pick(random, ['{', '}', ',', '"', ':', '0', '-', ' ']) +
      text.slice(at + 1)
    );
  }
  const root = JSON.parse(text) as Json;
  const all = slots(root, []);
  if (all.length === 0) return text;
  const slot = pick(random, all);
  const parent = slot.parent as Record<string | number, Json>;
  if (kind < 0.45) {
    if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
    else delete parent[slot.key];
  } else if (kind < 0.6 && typeof parent[slot.key] === 'object' && parent[slot.key] !== null) {
    // Duplicate a sibling structure (a repeated container or pod).
    if (Array.isArray(slot.parent))
      slot.parent.push(JSON.parse(JSON.stringify(parent[slot.key])) as Json);
    else parent[slot.key] = pick(random, ODD_VALUES);
  } else {
    parent[slot.key] = pick(random, ODD_VALUES);
  }
  return JSON.stringify(root);
}
