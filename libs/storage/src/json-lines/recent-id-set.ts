/**
 * A set of the most recent `capacity` ids, oldest evicted first. Duplicates come from queue
 * redeliveries and client retries, which arrive within minutes, so a bounded window keeps
 * memory flat while still catching them.
 *
 * Every stored record is looked up and added here, in a window of a million ids by default. A
 * `Set` of that size costs several cache misses per lookup and a rehash now and then as ids are
 * evicted, so the ids live in a ring and an open-addressing table (linear probing, deletion by
 * backward shift) maps each one's 32-bit hash to its ring slot: a lookup reads one table entry,
 * and compares the id itself only when the hashes agree, so a hash collision never drops a record.
 */
export class RecentIdSet {
  private readonly ring: (string | undefined)[];
  private readonly ringHash: Int32Array;
  /** Pairs (hash, ring slot + 1); slot 0 marks an empty entry. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private next = 0;
  private count = 0;
  /** Since {@link mark}: the ids each {@link tryAdd} evicted, in order, for {@link rollback}. */
  private journal?: (string | undefined)[];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('RecentIdSet capacity must be a positive integer');
    let entries = 2;
    while (entries < capacity * 2) entries *= 2; // load factor ≤ 0.5: short probes
    this.mask = entries - 1;
    this.table = new Int32Array(entries * 2);
    this.ring = new Array<string | undefined>(capacity).fill(undefined);
    this.ringHash = new Int32Array(capacity);
  }

  has(id: string): boolean {
    return this.find(id, hashOf(id)) >= 0;
  }

  add(id: string): void {
    this.tryAdd(id);
  }

  /** Adds `id` unless it is already held; whether it was added. */
  tryAdd(id: string): boolean {
    const h = hashOf(id);
    if (this.find(id, h) >= 0) return false;
    const slot = this.next;
    const evicted = this.ring[slot];
    if (evicted !== undefined) this.remove(this.ringHash[slot], slot);
    else this.count++;
    this.journal?.push(evicted);
    this.insert(h, slot);
    this.ring[slot] = id;
    this.ringHash[slot] = h;
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    return true;
  }

  /** Starts remembering adds, so that {@link rollback} can undo them (a write that failed). */
  mark(): void {
    this.journal = [];
  }

  /** Forgets the adds since {@link mark}, putting back what they evicted. */
  rollback(): void {
    this.undo(this.journal?.length ?? 0);
    this.journal = undefined;
  }

  /** Adds since {@link mark} so far. */
  get marked(): number {
    return this.journal?.length ?? 0;
  }

  /** Forgets the last `n` adds since {@link mark} (newest first), putting back what they evicted. */
  undo(n: number): void {
    const journal = this.journal ?? [];
    for (let k = 0; k < n && journal.length > 0; k++) {
      const slot = this.next === 0 ? this.capacity - 1 : this.next - 1;
      this.remove(this.ringHash[slot], slot);
      const evicted = journal.pop();
      this.ring[slot] = evicted;
      if (evicted === undefined) this.count--;
      else {
        const h = hashOf(evicted);
        this.ringHash[slot] = h;
        this.insert(h, slot);
      }
      this.next = slot;
    }
  }

  /** Keeps the adds since {@link mark}. */
  commit(): void {
    this.journal = undefined;
  }

  get size(): number {
    return this.count;
  }

  /** The table entry holding `id`, or -1. */
  private find(id: string, h: number): number {
    const t = this.table;
    for (let e = h & this.mask; ; e = (e + 1) & this.mask) {
      const slot = t[2 * e + 1];
      if (slot === 0) return -1;
      if (t[2 * e] === h && this.ring[slot - 1] === id) return e;
    }
  }

  private insert(h: number, slot: number): void {
    const t = this.table;
    let e = h & this.mask;
    while (t[2 * e + 1] !== 0) e = (e + 1) & this.mask;
    t[2 * e] = h;
    t[2 * e + 1] = slot + 1;
  }

  /** Removes the entry of ring slot `slot` (hash `h`), shifting later entries of its run back. */
  private remove(h: number, slot: number): void {
    const t = this.table;
    const m = this.mask;
    let hole = h & m;
    while (t[2 * hole + 1] !== slot + 1) hole = (hole + 1) & m;
    for (let e = (hole + 1) & m; t[2 * e + 1] !== 0; e = (e + 1) & m) {
      // An entry may fill the hole unless its home lies cyclically after the hole, up to itself.
      const home = t[2 * e] & m;
      if (((e - home) & m) >= ((e - hole) & m)) {
        t[2 * hole] = t[2 * e];
        t[2 * hole + 1] = t[2 * e + 1];
        hole = e;
      }
    }
    t[2 * hole + 1] = 0;
  }
}

/** FNV-1a over the UTF-16 code units, then a final mix so that the low bits (the table index) spread. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}
