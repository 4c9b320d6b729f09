import { TfidfError } from './tfidf-error';

/** fit produced no terms, or none survived minDf/maxDf/maxFeatures pruning (sklearn raises ValueError too). */
export class EmptyVocabularyError extends TfidfError {
  readonly code = 'tfidf:empty-vocabulary' as const;
}
