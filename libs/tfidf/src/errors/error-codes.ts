/** Every error code this library throws, with what it means. */
export const ERROR_CODES = {
  'tfidf:not-fitted': 'the vectorizer must be fitted (fit, fitTransform or fromJSON) before this call',
  'tfidf:empty-corpus': 'fit was given an empty list of documents',
  'tfidf:empty-vocabulary': 'no terms were found, or none remained after minDf/maxDf/maxFeatures pruning',
  'tfidf:invalid-option': 'an option has a bad type or value, or minDf/maxDf contradict each other',
  'tfidf:invalid-input': 'a document or token is not a string, or the documents are not an array',
  'tfidf:invalid-state': 'a serialised state is corrupt, of another format or of an unsupported version',
  'tfidf:unserializable-tokenizer': 'a state saved with a custom tokenizer was loaded without that tokenizer',
} as const;

export type TfidfErrorCode = keyof typeof ERROR_CODES;
