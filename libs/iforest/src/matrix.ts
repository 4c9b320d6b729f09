/** Row-major dense matrix: the value at (r, c) is `data[r * nCols + c]`. */
export interface DenseMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly data: Float64Array;
}

/**
 * Compressed sparse rows, same layout as `scipy.sparse.csr_matrix`: row r holds the entries
 * `indices[k], data[k]` for `indptr[r] <= k < indptr[r + 1]`. Missing entries are 0; indices
 * need not be sorted and duplicates are summed (as scipy does).
 */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float64Array;
}

/** Anything the forest accepts as a matrix; arrays of rows are copied into a {@link DenseMatrix}. */
export type MatrixInput = DenseMatrix | CsrMatrix | ReadonlyArray<ArrayLike<number>>;
