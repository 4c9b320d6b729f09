import { IforestError } from './iforest.error';

/** A method that needs a fitted model was called before `fit` (or `fromJSON`). */
export class NotFittedError extends IforestError {
  override readonly code = 'iforest:not-fitted';
}
