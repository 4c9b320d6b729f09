import { averagePathLength } from './average-path-length';
import type { ForestBuffer } from './forest-buffer';
import type { PreparedMatrix } from './prepare-input';

/** scikit-learn's FEATURE_THRESHOLD: a feature whose range in a node is at most this is constant there. */
const FEATURE_THRESHOLD = 1e-7;

/**
 * Grows isolation trees the way scikit-learn's ExtraTreeRegressor(max_features=1,
 * splitter='random') does inside IsolationForest: at each node draw features uniformly among the
 * tree's features not yet found constant in the node, until one varies; split it at a uniform
 * threshold in [min, max); rows with value <= threshold go left. A node with one row, at the
 * depth limit, or where every feature is constant is a leaf.
 *
 * Dense and CSR inputs consume the generator identically (a CSR feature absent from every row of
 * a node is recognised as constant without a lookup), so both give the same trees.
 */
export class TreeBuilder {
  private readonly idx: Int32Array;
  private readonly vals: Float64Array;
  private readonly mark: Int32Array;
  private stamp = 0;
  private lo = 0;
  private hi = 0;

  constructor(
    private readonly x: PreparedMatrix,
    private readonly buf: ForestBuffer,
    private readonly rand: () => number,
    private readonly maxDepth: number,
    /** A permutation of all features whose first `nTreeFeatures` entries are this tree's features. */
    private readonly features: Int32Array,
    private readonly nTreeFeatures: number,
    maxRows: number,
  ) {
    this.idx = new Int32Array(maxRows);
    this.vals = new Float64Array(maxRows);
    this.mark = new Int32Array(x.kind === 'csr' ? x.nCols : 0);
  }

  /** Grows one tree on the given rows (global row ids) and appends it to the buffer. */
  build(rows: Int32Array, nRows: number): void {
    this.idx.set(rows.subarray(0, nRows));
    const root = this.buf.addRoot();
    this.grow(root, 0, nRows, 0);
  }

  private grow(node: number, start: number, end: number, depth: number): void {
    const buf = this.buf;
    const n = end - start;
    buf.count[node] = n;
    const f = n > 1 && depth < this.maxDepth ? this.chooseSplit(start, end) : -1;
    if (f < 0) {
      buf.feature[node] = -1;
      buf.value[node] = depth + averagePathLength(n);
      return;
    }
    const threshold = this.drawThreshold();
    const mid = this.partition(start, end, threshold);
    const left = buf.alloc(2);
    buf.feature[node] = f;
    buf.threshold[node] = threshold;
    buf.left[node] = left;
    this.grow(left, start, mid, depth + 1);
    this.grow(left + 1, mid, end, depth + 1);
  }

  /** Draws features until one varies over the node's rows; loads its values into `vals`. */
  private chooseSplit(start: number, end: number): number {
    const features = this.features;
    const sparse = this.x.kind === 'csr';
    if (sparse) this.markNodeColumns(start, end);
    let nAvail = this.nTreeFeatures;
    while (nAvail > 0) {
      const k = Math.floor(this.rand() * nAvail);
      const f = features[k];
      const varies = sparse ? this.mark[f] === this.stamp && this.loadSparse(f, start, end) : this.loadDense(f, start, end);
      if (varies) return f;
      // constant here: move it past the drawable range, as sklearn's splitter does
      features[k] = features[nAvail - 1];
      features[nAvail - 1] = f;
      nAvail--;
    }
    return -1;
  }

  private drawThreshold(): number {
    const t = (this.hi - this.lo) * this.rand() + this.lo;
    // rounding can land on max, which would leave the right child empty (sklearn does the same)
    return t >= this.hi ? this.lo : t;
  }

  private partition(start: number, end: number, threshold: number): number {
    const idx = this.idx;
    const vals = this.vals;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (vals[i] <= threshold) i++;
      else {
        const r = idx[i];
        idx[i] = idx[j];
        idx[j] = r;
        const v = vals[i];
        vals[i] = vals[j];
        vals[j] = v;
        j--;
      }
    }
    return i;
  }

  private loadDense(f: number, start: number, end: number): boolean {
    const data = this.x.data;
    const nCols = this.x.nCols;
    const idx = this.idx;
    const vals = this.vals;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < end; i++) {
      const v = data[idx[i] * nCols + f];
      vals[i] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    this.lo = lo;
    this.hi = hi;
    return hi > lo + FEATURE_THRESHOLD;
  }

  private loadSparse(f: number, start: number, end: number): boolean {
    const x = this.x;
    if (x.kind !== 'csr') return false;
    const { indptr, indices, data } = x;
    const idx = this.idx;
    const vals = this.vals;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < end; i++) {
      const r = idx[i];
      // rows are canonical (sorted, unique) so a binary search finds the entry or proves it is 0
      let a = indptr[r];
      let b = indptr[r + 1] - 1;
      let v = 0;
      while (a <= b) {
        const m = (a + b) >> 1;
        const c = indices[m];
        if (c < f) a = m + 1;
        else if (c > f) b = m - 1;
        else {
          v = data[m];
          break;
        }
      }
      vals[i] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    this.lo = lo;
    this.hi = hi;
    return hi > lo + FEATURE_THRESHOLD;
  }

  /** Stamps every column stored in the node's rows; unstamped columns are all-zero there. */
  private markNodeColumns(start: number, end: number): void {
    const x = this.x;
    if (x.kind !== 'csr') return;
    const stamp = ++this.stamp;
    const { indptr, indices } = x;
    const mark = this.mark;
    for (let i = start; i < end; i++) {
      const r = this.idx[i];
      for (let k = indptr[r], e = indptr[r + 1]; k < e; k++) mark[indices[k]] = stamp;
    }
  }
}
