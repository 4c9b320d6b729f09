/** One sparse row: `indices` ascending, `values[k]` belongs to `indices[k]`. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}
