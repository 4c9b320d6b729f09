import { denseFromRows } from './dense-from-rows';
import { InvalidMatrixError } from './errors/invalid-matrix.error';
import { isCsr } from './is-csr';

describe('denseFromRows', () => {
  it('lays rows out row-major', () => {
    const m = denseFromRows([[1, 2, 3], Float64Array.of(4, 5, 6)]);
    expect(m.nRows).toBe(2);
    expect(m.nCols).toBe(3);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(denseFromRows([])).toEqual({ nRows: 0, nCols: 0, data: new Float64Array(0) });
  });

  it('rejects ragged rows and non-rows', () => {
    expect(() => denseFromRows([[1, 2], [3]])).toThrow(InvalidMatrixError);
    expect(() => denseFromRows([[1], 2 as unknown as number[]])).toThrow(InvalidMatrixError);
  });
});

describe('isCsr', () => {
  it('recognises CSR-shaped objects only', () => {
    expect(isCsr({ nRows: 1, nCols: 1, indptr: Int32Array.of(0, 0), indices: new Int32Array(0), data: new Float64Array(0) })).toBe(true);
    expect(isCsr({ nRows: 1, nCols: 1, data: new Float64Array(1) })).toBe(false);
    expect(isCsr([[1]])).toBe(false);
    expect(isCsr(null)).toBe(false);
  });
});
