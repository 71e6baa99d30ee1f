/** mulberry32: a tiny seeded PRNG, so a failing fuzz case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FuzzInput {
  constructor(private readonly random: () => number) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  /** Printable ASCII, including characters that matter in URLs (/, %, ?, #, &, =, +, ,, :). */
  ascii(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(32 + this.int(95));
    return text;
  }

  /** Percent-encoded random bytes: valid and invalid UTF-8, NUL, encoded slashes. */
  percent(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) {
      text += this.pick(['%', '%2', '%2F', '%00', '%25', '%E0%A4%A', '%C3%A9', '%FF', '%0A']);
      if (this.random() < 0.5) text += `%${this.int(256).toString(16).padStart(2, '0')}`;
    }
    return text;
  }

  /** A path segment: often a real name, otherwise something hostile. */
  segment(real: readonly string[]): string {
    switch (this.int(8)) {
      case 0:
      case 1:
      case 2:
        return this.pick(real);
      case 3:
        return encodeURIComponent(this.ascii(1 + this.int(20)));
      case 4:
        return this.percent(1 + this.int(4));
      case 5:
        return this.pick([
          '',
          '.',
          '..',
          '*',
          ':',
          '__proto__',
          'constructor',
          '%20',
          '\u00e9',
          '😀',
        ]);
      case 6:
        return 'x'.repeat(this.pick([100, 1_000, 20_000]));
      default:
        return `${this.pick(real)}${encodeURIComponent(this.ascii(3))}`;
    }
  }

  /** A query-parameter value: plausible times, selectors and garbage. */
  value(): string {
    return this.pick([
      () => '2024-01-01T00:02:00Z',
      () => '2024-01-01T00:00:00%2B01:00',
      () => '2024-01-01T00:00:00+01:00',
      () => `${this.int(100_000)}`,
      () => '9'.repeat(400),
      () => '-1e309',
      () => 'resource_id:/,a:b',
      () => 'a:,:b,,',
      () => '__proto__:x,constructor:y',
      () => 'app=web,tier!=x',
      () => 'metadata.name=node-a',
      () => 'node,ns,pod_container',
      () => encodeURIComponent(this.ascii(1 + this.int(40))),
      () => this.percent(1 + this.int(3)),
      () => 'x'.repeat(this.pick([1_000, 10_000])),
      () => '',
    ])();
  }
}
