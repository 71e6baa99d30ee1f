const MAX_BLOCK = 512;

/**
 * Object keys kept sorted in byte order (the order etcd returns them in), so lists come out in
 * the real API server's order and a continue token resumes by binary search instead of a sort
 * per page. Keys live in sorted blocks of at most 512: an insert or removal shifts one small
 * block (a single 100,000-element array made every splice cost milliseconds).
 */
export class SortedKeys {
  private readonly blocks: string[][] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  insert(key: string): void {
    if (this.blocks.length === 0) {
      this.blocks.push([key]);
      this.size = 1;
      return;
    }
    const b = this.blockFor(key);
    const block = this.blocks[b] as string[];
    const i = lowerBound(block, key);
    if (block[i] === key) return;
    block.splice(i, 0, key);
    this.size += 1;
    if (block.length > MAX_BLOCK) this.blocks.splice(b + 1, 0, block.splice(block.length >>> 1));
  }

  remove(key: string): void {
    if (this.blocks.length === 0) return;
    const b = this.blockFor(key);
    const block = this.blocks[b] as string[];
    const i = lowerBound(block, key);
    if (block[i] !== key) return;
    block.splice(i, 1);
    this.size -= 1;
    if (block.length === 0) this.blocks.splice(b, 1);
  }

  /** The smallest key >= key, if any. */
  ceiling(key: string): string | undefined {
    if (this.blocks.length === 0) return undefined;
    const block = this.blocks[this.blockFor(key)] as string[];
    const i = lowerBound(block, key);
    if (i < block.length) return block[i];
    return undefined;
  }

  /** Number of keys < key. */
  rank(key: string): number {
    if (this.blocks.length === 0) return 0;
    const b = this.blockFor(key);
    let before = 0;
    for (let i = 0; i < b; i += 1) before += (this.blocks[i] as string[]).length;
    return before + lowerBound(this.blocks[b] as string[], key);
  }

  /** Index of the first block whose last key is >= key (the last block when none is). */
  private blockFor(key: string): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const block = this.blocks[mid] as string[];
      if ((block[block.length - 1] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
