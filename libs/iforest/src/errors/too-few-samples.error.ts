import { IforestError } from './iforest.error';

/** `fit` was given fewer than 2 rows, or options that leave fewer than 2 rows per tree. */
export class TooFewSamplesError extends IforestError {
  override readonly code = 'iforest:too-few-samples';
}
