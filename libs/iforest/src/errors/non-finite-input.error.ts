import { IforestError } from './iforest.error';

/** The input holds NaN or ±Infinity. */
export class NonFiniteInputError extends IforestError {
  override readonly code = 'iforest:non-finite-input';
}
