import { TfidfError } from './tfidf-error';

/** An option has a bad type or value, or minDf/maxDf contradict each other for the corpus size. */
export class InvalidOptionError extends TfidfError {
  readonly code = 'tfidf:invalid-option' as const;
}
