import { DetectorError } from './detector-error';

/** `fromJSON` was given a state that is corrupt, truncated, of another format or of an unsupported version. */
export class InvalidModelError extends DetectorError {
  override readonly code = 'detector:invalid-model';
}
