import fc from 'fast-check';
import { compareCodePoints } from './compare-code-points';
import { sortIdsByCodePoint } from './sort-ids-by-code-point';

// Python's str ordering: lexicographic over code points.
function pythonOrder(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

const term = fc.array(fc.constantFrom('a', 'b', 'ab', '0', '_', 'é', 'ｆ', '\uffff', '𝒜', '😀', '\ue000'), { maxLength: 6 }).map((p) => p.join(''));

describe('code point ordering', () => {
  it('compareCodePoints agrees in sign with code point comparison (unlike the default UTF-16 order)', () => {
    expect(Math.sign(compareCodePoints('ｆ', '𝒜'))).toBe(-1);
    expect('ｆ' < '𝒜').toBe(false); // why the custom comparison exists
    fc.assert(
      fc.property(term, term, (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(pythonOrder(a, b)));
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('sortIdsByCodePoint orders distinct terms as Python sorted() does', () => {
    fc.assert(
      fc.property(fc.uniqueArray(term, { maxLength: 300 }), (terms) => {
        const order = Array.from(sortIdsByCodePoint(terms), (i) => terms[i]);
        expect(order).toEqual([...terms].sort(pythonOrder));
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  it('handles long shared prefixes and many terms', () => {
    const terms = Array.from({ length: 20000 }, (_v, i) => `prefix/shared/${(i * 7919) % 20011}`);
    const order = Array.from(sortIdsByCodePoint(terms), (i) => terms[i]);
    expect(order).toEqual([...terms].sort());
  });
});
