import { compareCodePoints } from './compare-code-points';

const SMALL = 12;

/** UTF-16 unit at `d` as a rank in code point order (surrogates above 0xE000–0xFFFF); -1 past the end. */
function key(s: string, d: number): number {
  if (d >= s.length) return -1;
  const c = s.charCodeAt(d);
  return c < 0xd800 ? c : c >= 0xe000 ? c - 0x800 : c + 0x2000;
}

/**
 * Ids `0..terms.length-1` ordered by their term in Unicode code point order (Python's
 * `sorted`), with a multikey quicksort (Bentley & Sedgewick): it looks at each character
 * position once per partition instead of re-comparing whole strings, which beats
 * `Array.prototype.sort` on the many shared prefixes of a log vocabulary, and it yields the
 * ids directly. Terms are assumed distinct.
 */
export function sortIdsByCodePoint(terms: readonly string[]): Int32Array {
  const n = terms.length;
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  // explicit stack of (lo, hi inclusive, depth): the depth can reach the longest term's length
  const stack: number[] = [0, n - 1, 0];
  while (stack.length > 0) {
    const d = stack.pop() as number;
    const hi = stack.pop() as number;
    const lo = stack.pop() as number;
    if (hi - lo < SMALL) {
      insertionSort(terms, a, lo, hi);
      continue;
    }
    const v = median3(key(terms[a[lo]], d), key(terms[a[(lo + hi) >> 1]], d), key(terms[a[hi]], d));
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const c = key(terms[a[i]], d);
      if (c < v) {
        const t = a[lt];
        a[lt++] = a[i];
        a[i++] = t;
      } else if (c > v) {
        const t = a[gt];
        a[gt--] = a[i];
        a[i] = t;
      } else {
        i++;
      }
    }
    if (lo < lt - 1) stack.push(lo, lt - 1, d);
    if (gt + 1 < hi) stack.push(gt + 1, hi, d);
    // equal keys: compare the next character, unless they all ended here (one term at most)
    if (v >= 0 && lt < gt) stack.push(lt, gt, d + 1);
  }
  return a;
}

function median3(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}

function insertionSort(terms: readonly string[], a: Int32Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const id = a[i];
    const s = terms[id];
    let j = i;
    while (j > lo && compareCodePoints(terms[a[j - 1]], s) > 0) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = id;
  }
}
