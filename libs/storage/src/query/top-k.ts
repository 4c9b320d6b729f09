/**
 * Keeps the `k` greatest items offered (by `compare`, ascending), in O(k) memory: a binary
 * min-heap whose root is the least item kept, so a scan over millions of lines holds one page.
 * An item whose `keyOf` equals a kept one's is dropped (the same record stored twice).
 */
export class TopK<T> {
  private readonly heap: T[] = [];
  private readonly keys = new Set<string>();

  constructor(
    readonly k: number,
    private readonly compare: (a: T, b: T) => number,
    private readonly keyOf: (item: T) => string,
  ) {}

  get size(): number {
    return this.heap.length;
  }

  offer(item: T): void {
    const h = this.heap;
    if (h.length >= this.k && (this.k === 0 || this.compare(item, h[0]) <= 0)) return;
    const key = this.keyOf(item);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    if (h.length < this.k) {
      h.push(item);
      this.up(h.length - 1);
      return;
    }
    this.keys.delete(this.keyOf(h[0]));
    h[0] = item;
    this.down(0);
  }

  /** The items kept, greatest first. */
  sortedDesc(): T[] {
    return [...this.heap].sort((a, b) => this.compare(b, a));
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.compare(h[i], h[p]) >= 0) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.compare(h[l], h[m]) < 0) m = l;
      if (r < h.length && this.compare(h[r], h[m]) < 0) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
