import { IforestError } from './iforest.error';

/** A method argument other than the matrix is out of range (row index, topK, sparse row arrays). */
export class InvalidArgumentError extends IforestError {
  override readonly code = 'iforest:invalid-argument';
}
