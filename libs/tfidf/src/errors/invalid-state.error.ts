import { TfidfError } from './tfidf-error';

/** fromJSON was given a state that is corrupt, of another format, or of an unsupported version. */
export class InvalidStateError extends TfidfError {
  readonly code = 'tfidf:invalid-state' as const;
}
