import { IforestError } from './iforest.error';

/** `fromJSON` was given a state that is corrupt, truncated or of an unsupported format version. */
export class InvalidStateError extends IforestError {
  override readonly code = 'iforest:invalid-state';
}
