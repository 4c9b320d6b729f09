import { DetectorError } from './detector-error';

/** A training or session option has a bad type or is out of range. */
export class InvalidOptionError extends DetectorError {
  override readonly code = 'detector:invalid-option';
}
