import type { Cluster } from './cluster';

/** Intrusive doubly linked list of clusters, least recently used first; O(1) touch and eviction. */
export class LruList {
  private head: Cluster | null = null;
  private tail: Cluster | null = null;

  /** The least recently used cluster. */
  first(): Cluster | null {
    return this.head;
  }

  /** Appends, or moves to the most recently used end. */
  touch(c: Cluster): void {
    if (this.tail === c) return;
    this.remove(c);
    c.prev = this.tail;
    if (this.tail !== null) this.tail.next = c;
    else this.head = c;
    this.tail = c;
  }

  remove(c: Cluster): void {
    if (c.prev !== null) c.prev.next = c.next;
    else if (this.head === c) this.head = c.next;
    if (c.next !== null) c.next.prev = c.prev;
    else if (this.tail === c) this.tail = c.prev;
    c.prev = null;
    c.next = null;
  }

  /** Clusters from least to most recently used. */
  *[Symbol.iterator](): IterableIterator<Cluster> {
    for (let c = this.head; c !== null; c = c.next) yield c;
  }
}
