import { IforestError } from './iforest.error';

/** The input is not a well-formed matrix (ragged rows, inconsistent CSR arrays, column index out of range, no columns). */
export class InvalidMatrixError extends IforestError {
  override readonly code = 'iforest:invalid-matrix';
}
