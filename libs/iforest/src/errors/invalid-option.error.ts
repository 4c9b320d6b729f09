import { IforestError } from './iforest.error';

/** An option is out of range or of the wrong type (`nEstimators`, `maxSamples`, `maxFeatures`, `contamination`, `bootstrap`, `seed`, `random`). */
export class InvalidOptionError extends IforestError {
  override readonly code = 'iforest:invalid-option';
}
