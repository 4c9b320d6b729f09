import { InvalidMatrixError } from './errors/invalid-matrix.error';
import type { DenseMatrix } from './matrix';

/** Copies an array of equally long rows into a row-major {@link DenseMatrix}. */
export function denseFromRows(rows: ReadonlyArray<ArrayLike<number>>): DenseMatrix {
  if (!Array.isArray(rows)) throw new InvalidMatrixError('denseFromRows requires an array of rows');
  const nRows = rows.length;
  const nCols = nRows === 0 ? 0 : widthOf(rows[0], 0);
  const data = new Float64Array(nRows * nCols);
  for (let r = 0; r < nRows; r++) {
    const row = rows[r];
    if (widthOf(row, r) !== nCols) {
      throw new InvalidMatrixError(`denseFromRows requires rows of equal width: row 0 has ${nCols} values, row ${r} has ${row.length}`);
    }
    const base = r * nCols;
    for (let c = 0; c < nCols; c++) data[base + c] = row[c];
  }
  return { nRows, nCols, data };
}

function widthOf(row: ArrayLike<number> | undefined, r: number): number {
  if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
    throw new InvalidMatrixError(`denseFromRows requires every row to be an array of numbers (row ${r} is not)`);
  }
  return row.length;
}
