import { TfidfError } from './tfidf-error';

/** fit was given no documents. */
export class EmptyCorpusError extends TfidfError {
  readonly code = 'tfidf:empty-corpus' as const;
}
