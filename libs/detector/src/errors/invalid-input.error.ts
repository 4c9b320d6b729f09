import { DetectorError } from './detector-error';

/** An event, session or metric input is malformed (not a string/LogEvent, empty training set, length mismatch). */
export class InvalidInputError extends DetectorError {
  override readonly code = 'detector:invalid-input';
}
