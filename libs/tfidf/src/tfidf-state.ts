import type { SerializedMaskRule } from '@logad/text';

/** Options as stored in a state; a custom tokenizer function is stored as the marker `'custom'`. */
export interface SerializedVectorizerOptions {
  readonly tokenizer: 'log' | 'sklearn' | 'custom';
  readonly tokenizeOptions: {
    readonly lowercase: boolean;
    readonly mask: boolean;
    readonly minTokenLength: number;
    readonly maskRules: readonly SerializedMaskRule[];
  } | null;
  readonly minDf: number;
  readonly maxDf: number;
  readonly maxFeatures: number | null;
  readonly sublinearTf: boolean;
  readonly smoothIdf: boolean;
  readonly useIdf: boolean;
  readonly norm: 'l2' | 'l1' | null;
}

/** JSON-safe snapshot of a fitted TfidfVectorizer (`JSON.stringify` keeps every double exact). */
export interface TfidfState {
  readonly format: 'logad-tfidf';
  readonly version: 1;
  readonly options: SerializedVectorizerOptions;
  /** Feature names in index order (code-point sorted). */
  readonly vocabulary: readonly string[];
  /** idf by feature index; null when useIdf is false. */
  readonly idf: readonly number[] | null;
  /** Number of documents the vectorizer was fitted on. */
  readonly nDocs: number;
}
