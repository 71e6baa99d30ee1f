/**
 * Things due at a time (pod starts, Job completions, crash-loop restarts), in a binary min-heap
 * so each tick costs O(due · log n) however many pods are waiting.
 */
interface Entry<T> {
  readonly at: number;
  readonly seq: number;
  readonly item: T;
}

export class Agenda<T> {
  private readonly heap: Entry<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  add(at: number, item: T): void {
    const heap = this.heap;
    heap.push({ at, seq: this.seq++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i] as Entry<T>, heap[parent] as Entry<T>)) break;
      [heap[i], heap[parent]] = [heap[parent] as Entry<T>, heap[i] as Entry<T>];
      i = parent;
    }
  }

  /** Removes and returns the earliest item due at or before `now`, if any. */
  takeDue(now: number): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined || top.at > now) return undefined;
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && this.less(heap[l] as Entry<T>, heap[smallest] as Entry<T>)) smallest = l;
        if (r < heap.length && this.less(heap[r] as Entry<T>, heap[smallest] as Entry<T>)) smallest = r;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest] as Entry<T>, heap[i] as Entry<T>];
        i = smallest;
      }
    }
    return top.item;
  }

  private less(a: Entry<T>, b: Entry<T>): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}
