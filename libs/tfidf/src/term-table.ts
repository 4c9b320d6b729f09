/**
 * String interning table (open addressing, linear probing) that can look a term up straight
 * from a range of a larger string: known tokens never become substrings, which is most of the
 * cost a `Map<string, number>` has on a tokenised corpus. Ids are dense, in insertion order.
 */
export class TermTable {
  /** FNV-1a offset basis: a term's hash starts here, takes `h = Math.imul(h ^ unit, FNV_PRIME)` per UTF-16 unit, then `finishHash`. */
  static readonly HASH_SEED = 0x811c9dc5 | 0;
  static readonly FNV_PRIME = 0x01000193;

  /** murmur3's fmix32, so the low bits used for slots depend on every unit. */
  static finishHash(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  static hashString(s: string): number {
    let h = TermTable.HASH_SEED;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), TermTable.FNV_PRIME);
    return TermTable.finishHash(h);
  }

  readonly terms: string[] = [];
  private hashes: Int32Array; // by id, to rehash without rehashing strings
  private slots: Int32Array; // pairs (id + 1, hash); id + 1 = 0 marks an empty slot
  private mask: number; // slot count - 1

  constructor(expected = 512) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    this.hashes = new Int32Array(Math.max(16, expected));
  }

  static fromTerms(terms: readonly string[]): TermTable {
    const t = new TermTable(terms.length);
    for (const term of terms) t.insert(term, TermTable.hashString(term));
    return t;
  }

  get size(): number {
    return this.terms.length;
  }

  /** Id of the term equal to `doc[start, end)` whose finished hash is `h`, or -1. */
  findRange(doc: string, start: number, end: number, h: number): number {
    const len = end - start;
    const { slots, terms, mask } = this;
    // slots interleaves (id + 1, hash) so a probe touches one cache line before the string
    let i = (h & mask) << 1;
    for (;;) {
      const e = slots[i];
      if (e === 0) return -1;
      if (slots[i + 1] === h) {
        const t = terms[e - 1];
        if (t.length === len) {
          let k = 0;
          while (k < len && t.charCodeAt(k) === doc.charCodeAt(start + k)) k++;
          if (k === len) return e - 1;
        }
      }
      i = (i + 2) & ((mask << 1) | 1);
    }
  }

  find(term: string): number {
    return this.findRange(term, 0, term.length, TermTable.hashString(term));
  }

  /** Adds a term known to be absent; returns its id. */
  insert(term: string, h: number): number {
    const id = this.terms.length;
    if ((id + 1) * 2 > this.mask + 1) this.rehash();
    if (id === this.hashes.length) {
      const bigger = new Int32Array(id * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.terms.push(term);
    this.hashes[id] = h;
    place(this.slots, this.mask, id, h);
    return id;
  }

  private rehash(): void {
    const mask = this.mask * 2 + 1;
    const slots = new Int32Array((mask + 1) * 2);
    for (let id = 0; id < this.terms.length; id++) place(slots, mask, id, this.hashes[id]);
    this.slots = slots;
    this.mask = mask;
  }
}

function place(slots: Int32Array, mask: number, id: number, h: number): void {
  let i = h & mask;
  while (slots[i << 1] !== 0) i = (i + 1) & mask;
  slots[i << 1] = id + 1;
  slots[(i << 1) + 1] = h;
}
