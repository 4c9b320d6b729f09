import { TfidfError } from './tfidf-error';

/** A method that needs a fitted vectorizer was called before fit/fitTransform/fromJSON. */
export class NotFittedError extends TfidfError {
  readonly code = 'tfidf:not-fitted' as const;
}
