import { TermTable } from './term-table';

describe('TermTable', () => {
  it('interns terms with dense ids and finds them from a string or a range of one', () => {
    const t = new TermTable(4);
    const words = Array.from({ length: 5000 }, (_v, i) => `w${(i * 7919) % 10007}`);
    words.forEach((w, i) => expect(t.insert(w, TermTable.hashString(w))).toBe(i));
    expect(t.size).toBe(5000);
    words.forEach((w, i) => expect(t.find(w)).toBe(i));
    const line = `xx ${words[1234]} yy`;
    const start = 3;
    const end = 3 + words[1234].length;
    expect(t.findRange(line, start, end, TermTable.hashString(words[1234]))).toBe(1234);
    expect(t.find('absent')).toBe(-1);
    expect(t.find('')).toBe(-1);
  });

  it('tells apart terms whose hashes collide', () => {
    const t = new TermTable();
    t.insert('ab', 99);
    t.insert('ba', 99);
    expect(t.findRange('ba', 0, 2, 99)).toBe(1);
    expect(t.findRange('ab', 0, 2, 99)).toBe(0);
    expect(t.findRange('abc', 0, 3, 99)).toBe(-1);
  });

  it('builds from a term list with ids equal to positions', () => {
    const t = TermTable.fromTerms(['b', 'a', 'c']);
    expect([t.find('a'), t.find('b'), t.find('c')]).toEqual([1, 0, 2]);
  });
});
