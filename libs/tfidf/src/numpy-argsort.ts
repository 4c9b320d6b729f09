const SMALL_QUICKSORT = 15;

/**
 * `np.argsort(values)` with numpy's default kind ('quicksort'): the introsort of numpy's
 * `aquicksort_` (median-of-3 partitions, insertion sort below 16 elements, heapsort once the
 * depth budget of 2·floor(log2 n) is spent). It is not stable, and sklearn's max_features tie
 * behaviour depends on exactly which of the tied indices it leaves first, so we mirror it step
 * by step rather than use a stable sort. Matches numpy 1.24 (no NaNs expected).
 */
export function numpyArgsort(values: Float64Array): Int32Array {
  const num = values.length;
  const a = new Int32Array(num);
  for (let i = 0; i < num; i++) a[i] = i;
  if (num < 2) return a;
  const v = values;
  const stack: number[] = [];
  const depths: number[] = [];
  let pl = 0;
  let pr = num - 1;
  let cdepth = (31 - Math.clz32(num)) * 2;
  for (;;) {
    if (cdepth < 0) {
      heapsortRange(v, a, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (v[a[pm]] < v[a[pl]]) swap(a, pm, pl);
        if (v[a[pr]] < v[a[pm]]) swap(a, pr, pm);
        if (v[a[pm]] < v[a[pl]]) swap(a, pm, pl);
        const vp = v[a[pm]];
        let pi = pl;
        let pj = pr - 1;
        swap(a, pm, pj);
        for (;;) {
          do ++pi;
          while (v[a[pi]] < vp);
          do --pj;
          while (vp < v[a[pj]]);
          if (pi >= pj) break;
          swap(a, pi, pj);
        }
        swap(a, pi, pr - 1);
        // numpy pushes the larger partition and keeps working on the smaller one
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; pi++) {
        const vi = a[pi];
        const vp = v[vi];
        let pj = pi;
        while (pj > pl && vp < v[a[pj - 1]]) {
          a[pj] = a[pj - 1];
          pj--;
        }
        a[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop() as number;
    pl = stack.pop() as number;
    cdepth = depths.pop() as number;
  }
  return a;
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** numpy's `aheapsort_` on a[start .. start + n), 1-based heap indexing as in the C code. */
function heapsortRange(v: Float64Array, a: Int32Array, start: number, count: number): void {
  const o = start - 1; // a[o + k] is the C code's a[k]
  let n = count;
  for (let l = n >> 1; l > 0; --l) {
    const tmp = a[o + l];
    let i = l;
    for (let j = l << 1; j <= n; ) {
      if (j < n && v[a[o + j]] < v[a[o + j + 1]]) j += 1;
      if (v[tmp] < v[a[o + j]]) {
        a[o + i] = a[o + j];
        i = j;
        j += j;
      } else break;
    }
    a[o + i] = tmp;
  }
  while (n > 1) {
    const tmp = a[o + n];
    a[o + n] = a[o + 1];
    n -= 1;
    let i = 1;
    for (let j = 2; j <= n; ) {
      if (j < n && v[a[o + j]] < v[a[o + j + 1]]) j++;
      if (v[tmp] < v[a[o + j]]) {
        a[o + i] = a[o + j];
        i = j;
        j += j;
      } else break;
    }
    a[o + i] = tmp;
  }
}
