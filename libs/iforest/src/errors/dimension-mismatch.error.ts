import { IforestError } from './iforest.error';

/** A row's width differs from the number of features the model was fitted on. */
export class DimensionMismatchError extends IforestError {
  override readonly code = 'iforest:dimension-mismatch';
}
