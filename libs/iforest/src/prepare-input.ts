import { denseFromRows } from './dense-from-rows';
import { InvalidMatrixError } from './errors/invalid-matrix.error';
import { NonFiniteInputError } from './errors/non-finite-input.error';
import { isCsr } from './is-csr';
import type { MatrixInput } from './matrix';

/** Validated input in one of two monomorphic shapes the kernels are written for. */
export type PreparedMatrix =
  | { readonly kind: 'dense'; readonly nRows: number; readonly nCols: number; readonly data: Float64Array }
  | {
      readonly kind: 'csr';
      readonly nRows: number;
      readonly nCols: number;
      readonly indptr: Int32Array;
      readonly indices: Int32Array;
      readonly data: Float64Array;
    };

/**
 * Validates shape and finiteness and converts to typed arrays. With `canonical`, CSR rows are
 * returned with sorted, unique column indices (duplicates summed) so that `fit` can binary-search
 * them; the input is copied only when it is not canonical already.
 */
export function prepareInput(x: MatrixInput, fn: string, canonical: boolean): PreparedMatrix {
  if (Array.isArray(x)) return checkDense(denseFromRows(x), fn);
  if (isCsr(x)) return checkCsr(x, fn, canonical);
  if (x !== null && typeof x === 'object' && 'data' in x && typeof (x as { nRows?: unknown }).nRows === 'number') {
    return checkDense(x as { nRows: number; nCols: number; data: ArrayLike<number> }, fn);
  }
  throw new InvalidMatrixError(`${fn} requires a DenseMatrix, a CsrMatrix or an array of rows`);
}

function checkShape(nRows: number, nCols: number, fn: string): void {
  if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nCols) || nCols < 0) {
    throw new InvalidMatrixError(`${fn} requires nRows and nCols to be non-negative integers (got ${nRows} x ${nCols})`);
  }
}

function toFloat64(a: ArrayLike<number>): Float64Array {
  return a instanceof Float64Array ? a : Float64Array.from(a);
}

function toInt32(a: ArrayLike<number>): Int32Array {
  return a instanceof Int32Array ? a : Int32Array.from(a);
}

function checkFinite(data: Float64Array, n: number, fn: string): void {
  for (let i = 0; i < n; i++) {
    const v = data[i];
    // v - v is NaN exactly for NaN and ±Infinity; one comparison per value keeps this pass cheap
    if (v - v !== 0) throw new NonFiniteInputError(`${fn} requires finite values (found ${v} at data[${i}])`);
  }
}

function checkDense(x: { nRows: number; nCols: number; data: ArrayLike<number> }, fn: string): PreparedMatrix {
  checkShape(x.nRows, x.nCols, fn);
  if (x.data === null || typeof x.data !== 'object' || x.data.length !== x.nRows * x.nCols) {
    throw new InvalidMatrixError(`${fn} requires data.length to equal nRows * nCols (${x.nRows} * ${x.nCols})`);
  }
  const data = toFloat64(x.data);
  checkFinite(data, data.length, fn);
  return { kind: 'dense', nRows: x.nRows, nCols: x.nCols, data };
}

function checkCsr(x: { nRows: number; nCols: number; indptr: ArrayLike<number>; indices: ArrayLike<number>; data: ArrayLike<number> }, fn: string, canonical: boolean): PreparedMatrix {
  const { nRows, nCols } = x;
  checkShape(nRows, nCols, fn);
  const indptr = toInt32(x.indptr);
  const indices = toInt32(x.indices);
  const data = toFloat64(x.data);
  if (indptr.length !== nRows + 1 || indptr[0] !== 0) {
    throw new InvalidMatrixError(`${fn} requires a CSR indptr of length nRows + 1 = ${nRows + 1} starting at 0`);
  }
  const nnz = indptr[nRows];
  if (indices.length !== nnz || data.length !== nnz) {
    throw new InvalidMatrixError(`${fn} requires CSR indices and data of length indptr[nRows] = ${nnz} (got ${indices.length} and ${data.length})`);
  }
  let sorted = true;
  for (let r = 0; r < nRows; r++) {
    const lo = indptr[r];
    const hi = indptr[r + 1];
    if (hi < lo) throw new InvalidMatrixError(`${fn} requires a non-decreasing CSR indptr (row ${r})`);
    for (let k = lo; k < hi; k++) {
      const c = indices[k];
      if (c < 0 || c >= nCols) throw new InvalidMatrixError(`${fn} requires CSR column indices in [0, ${nCols}) (row ${r} has ${c})`);
      if (k > lo && c <= indices[k - 1]) sorted = false;
    }
  }
  checkFinite(data, nnz, fn);
  if (canonical && !sorted) return { kind: 'csr', nRows, nCols, ...canonicalRows(nRows, indptr, indices, data) };
  return { kind: 'csr', nRows, nCols, indptr, indices, data };
}

/** Sorts each row's entries by column and sums duplicates (scipy's `sum_duplicates`). */
function canonicalRows(nRows: number, indptr: Int32Array, indices: Int32Array, data: Float64Array) {
  const outPtr = new Int32Array(nRows + 1);
  const outIdx = new Int32Array(indices.length);
  const outVal = new Float64Array(indices.length);
  let w = 0;
  for (let r = 0; r < nRows; r++) {
    const lo = indptr[r];
    const hi = indptr[r + 1];
    const order = Array.from({ length: hi - lo }, (_, i) => lo + i).sort((a, b) => indices[a] - indices[b]);
    for (const k of order) {
      if (w > outPtr[r] && outIdx[w - 1] === indices[k]) outVal[w - 1] += data[k];
      else {
        outIdx[w] = indices[k];
        outVal[w] = data[k];
        w++;
      }
    }
    outPtr[r + 1] = w;
  }
  return { indptr: outPtr, indices: outIdx.slice(0, w), data: outVal.slice(0, w) };
}
