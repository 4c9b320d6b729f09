/**
 * Compressed sparse row matrix, laid out like scipy's `csr_matrix`: row `r` holds the
 * column indices `indices[indptr[r] .. indptr[r + 1])` (ascending) and the matching `data`.
 * Structurally identical to `@logad/iforest`'s CsrMatrix so the two libs interoperate.
 */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float64Array;
}
