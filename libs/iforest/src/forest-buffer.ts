/**
 * All trees of a forest in flat arrays indexed by a global node id. An internal node splits on
 * `feature[i]` (>= 0) at `threshold[i]`: rows with value <= threshold go to `left[i]`, the others
 * to `left[i] + 1` (children are always allocated side by side). A leaf has `feature[i] = -1` and
 * `value[i]` = its depth + c(leaf size), the path length a row ending there scores. `count[i]` is
 * the number of training rows that reached node i (used by `explain`).
 */
export interface ForestArrays {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly value: Float64Array;
  readonly count: Int32Array;
}

/** Growable storage the tree builder appends nodes to; `finish` trims it to {@link ForestArrays}. */
export class ForestBuffer {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  value: Float64Array;
  count: Int32Array;
  size = 0;
  private readonly roots: number[] = [];

  constructor(capacity: number) {
    const c = Math.max(16, capacity);
    this.feature = new Int32Array(c);
    this.threshold = new Float64Array(c);
    this.left = new Int32Array(c);
    this.value = new Float64Array(c);
    this.count = new Int32Array(c);
  }

  /** Reserves the root node of a new tree and returns its id. */
  addRoot(): number {
    const id = this.alloc(1);
    this.roots.push(id);
    return id;
  }

  /** Reserves `n` consecutive nodes and returns the id of the first. */
  alloc(n: number): number {
    const id = this.size;
    if (id + n > this.feature.length) this.grow(id + n);
    this.size += n;
    return id;
  }

  finish(): ForestArrays {
    const n = this.size;
    return {
      roots: Int32Array.from(this.roots),
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      value: this.value.slice(0, n),
      count: this.count.slice(0, n),
    };
  }

  private grow(min: number): void {
    const c = Math.max(min, this.feature.length * 2);
    const feature = new Int32Array(c);
    feature.set(this.feature);
    const threshold = new Float64Array(c);
    threshold.set(this.threshold);
    const left = new Int32Array(c);
    left.set(this.left);
    const value = new Float64Array(c);
    value.set(this.value);
    const count = new Int32Array(c);
    count.set(this.count);
    this.feature = feature;
    this.threshold = threshold;
    this.left = left;
    this.value = value;
    this.count = count;
  }
}
