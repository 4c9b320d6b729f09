import { TfidfError } from './tfidf-error';

/** A document or token list is not what the method expects (e.g. not a string). */
export class InvalidInputError extends TfidfError {
  readonly code = 'tfidf:invalid-input' as const;
}
