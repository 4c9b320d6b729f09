/** How raw counts become tf-idf values (sklearn's TfidfTransformer.transform). */
export interface Weighting {
  readonly idf: Float64Array | null;
  readonly sublinearTf: boolean;
  readonly norm: 'l2' | 'l1' | null;
}

// Rows longer than this are sorted with the native typed-array sort instead of insertion sort.
const INSERTION_LIMIT = 24;
let keys = new Int32Array(256);
let tmpVals = new Float64Array(256);

/**
 * Writes one row to `outIdx`/`outVal` starting at `at`: the `n` distinct columns `cols[0..n)`
 * (any order) sorted ascending, each with value `dense[col]` turned into tf·idf, then the row
 * normalised. Resets `dense` at those columns to 0 so the scratch can be reused. `cols` must not
 * share memory with `outIdx`. Returns `n`.
 */
export function writeWeightedRow(
  cols: Int32Array,
  n: number,
  dense: Float64Array,
  outIdx: Int32Array,
  outVal: Float64Array,
  at: number,
  w: Weighting,
): number {
  if (n <= INSERTION_LIMIT) {
    for (let k = 0; k < n; k++) {
      const c = cols[k];
      const v = dense[c];
      dense[c] = 0;
      let p = at + k;
      while (p > at && outIdx[p - 1] > c) {
        outIdx[p] = outIdx[p - 1];
        outVal[p] = outVal[p - 1];
        p--;
      }
      outIdx[p] = c;
      outVal[p] = v;
    }
  } else {
    if (keys.length < n) {
      keys = new Int32Array(n * 2);
      tmpVals = new Float64Array(n * 2);
    }
    const ks = keys.subarray(0, n);
    for (let k = 0; k < n; k++) ks[k] = cols[k];
    ks.sort();
    for (let k = 0; k < n; k++) {
      const c = ks[k];
      tmpVals[k] = dense[c];
      dense[c] = 0;
    }
    for (let k = 0; k < n; k++) {
      outIdx[at + k] = ks[k];
      outVal[at + k] = tmpVals[k];
    }
  }
  const end = at + n;
  const { idf, sublinearTf, norm } = w;
  let acc = 0;
  for (let p = at; p < end; p++) {
    let v = outVal[p];
    if (sublinearTf) v = Math.log(v) + 1;
    if (idf !== null) v *= idf[outIdx[p]];
    outVal[p] = v;
    acc += norm === 'l2' ? v * v : Math.abs(v);
  }
  // sklearn leaves all-zero rows untouched instead of dividing by 0
  if (norm !== null && acc !== 0) {
    const s = norm === 'l2' ? Math.sqrt(acc) : acc;
    for (let p = at; p < end; p++) outVal[p] /= s;
  }
  return n;
}
