import { RecentIdSet } from './recent-id-set';

/** The plain definition the table must agree with: the last `capacity` distinct ids added. */
class Reference {
  ids: string[] = [];
  constructor(readonly capacity: number) {}
  has(id: string): boolean {
    return this.ids.includes(id);
  }
  tryAdd(id: string): boolean {
    if (this.has(id)) return false;
    this.ids.push(id);
    if (this.ids.length > this.capacity) this.ids.shift();
    return true;
  }
}

/** A small seeded generator, so that a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('RecentIdSet', () => {
  it('holds the most recent ids and evicts the oldest first', () => {
    const s = new RecentIdSet(3);
    for (const id of ['a', 'b', 'c']) s.add(id);
    expect(['a', 'b', 'c'].map((id) => s.has(id))).toEqual([true, true, true]);
    s.add('d');
    expect(s.has('a')).toBe(false);
    expect(s.has('d')).toBe(true);
    expect(s.size).toBe(3);
  });

  it('adds an id held already only once', () => {
    const s = new RecentIdSet(2);
    expect(s.tryAdd('a')).toBe(true);
    expect(s.tryAdd('a')).toBe(false);
    s.add('b');
    expect(s.has('a')).toBe(true); // 'a' was not added twice, so 'b' did not evict it
  });

  it('agrees with the plain definition over random adds, evictions and rollbacks', () => {
    for (const capacity of [1, 2, 7, 64]) {
      const r = lcg(capacity);
      const s = new RecentIdSet(capacity);
      let ref = new Reference(capacity);
      for (let round = 0; round < 300; round++) {
        const failed = r() < 0.3;
        const before = [...ref.ids];
        s.mark();
        for (let k = Math.floor(r() * 10); k > 0; k--) {
          const id = `id-${Math.floor(r() * capacity * 3)}`;
          expect(s.tryAdd(id)).toBe(ref.tryAdd(id));
        }
        if (failed) {
          s.rollback();
          ref = Object.assign(new Reference(capacity), { ids: before });
        } else s.commit();
        expect(s.size).toBe(ref.ids.length);
        for (let i = 0; i < capacity * 3; i++) expect(s.has(`id-${i}`)).toBe(ref.has(`id-${i}`));
      }
    }
  });

  it('keeps ids whose hashes share a table entry apart (compares the ids, not only the hashes)', () => {
    const s = new RecentIdSet(10_000);
    for (let i = 0; i < 10_000; i++) s.add(`req-${i}`);
    for (let i = 0; i < 10_000; i++) expect(s.has(`req-${i}`)).toBe(true);
    for (let i = 10_000; i < 20_000; i++) expect(s.has(`req-${i}`)).toBe(false);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RecentIdSet(0)).toThrow(RangeError);
    expect(() => new RecentIdSet(1.5)).toThrow(RangeError);
  });
});
