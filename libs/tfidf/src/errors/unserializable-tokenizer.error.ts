import { TfidfError } from './tfidf-error';

/** A state saved with a custom tokenizer function was loaded without passing that function back. */
export class UnserializableTokenizerError extends TfidfError {
  readonly code = 'tfidf:unserializable-tokenizer' as const;
}
