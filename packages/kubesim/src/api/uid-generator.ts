/**
 * Deterministic RFC 4122 version-4-shaped UIDs from a seed, so a simulation run with the same
 * seed produces the same object UIDs (handy when comparing runs or reading golden output).
 */
export class UidGenerator {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  }

  next(): string {
    const words = [this.nextWord(), this.nextWord(), this.nextWord(), this.nextWord()];
    const hex = words.map(w => w.toString(16).padStart(8, '0')).join('');
    // Version nibble 4 and the RFC 4122 variant bits, as uuid.NewUUID-style ids carry.
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  // splitmix32: small, fast and well distributed for ids.
  private nextWord(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}
