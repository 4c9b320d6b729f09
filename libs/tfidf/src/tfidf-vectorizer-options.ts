import type { TokenizeOptions } from '@logad/text';

/** Options of {@link TfidfVectorizer}; names follow sklearn's TfidfVectorizer in camelCase. */
export interface TfidfVectorizerOptions {
  /**
   * `'log'`: the text stage's `tokenize` (`@logad/text`) with `tokenizeOptions` (masking, log-aware splitting).
   * `'sklearn'`: sklearn's default analyzer, lowercase + `(?u)\b\w\w+\b`, no masking.
   * A function: used as is (it must do its own lowercasing); see README for serialisation.
   * @defaultValue 'log'
   */
  tokenizer?: 'log' | 'sklearn' | ((doc: string) => string[]);
  /**
   * Options of the `'log'` tokenizer (rejected with any other tokenizer).
   * @defaultValue `{}` (lowercase, mask with the text stage's DEFAULT_MASK_RULES, minTokenLength 1)
   */
  tokenizeOptions?: TokenizeOptions;
  /**
   * Ignore terms found in fewer documents. An integer ≥ 1 is a document count, a value in
   * [0, 1) a proportion of the corpus (sklearn's int/float distinction; 1 is the count 1).
   * @defaultValue 1
   */
  minDf?: number;
  /**
   * Ignore terms found in more documents. An integer ≥ 2 is a document count, a value in
   * [0, 1] a proportion (1 means 100 %, i.e. sklearn's default `1.0`).
   * @defaultValue 1
   */
  maxDf?: number;
  /**
   * Keep only this many terms, the highest by total count over the corpus (ties resolved as
   * numpy's argsort resolves them in sklearn). `undefined` keeps all.
   * @defaultValue undefined
   */
  maxFeatures?: number;
  /**
   * Use tf = 1 + ln(count) instead of the raw count.
   * @defaultValue false
   */
  sublinearTf?: boolean;
  /**
   * idf = ln((1 + n) / (1 + df)) + 1 when true, ln(n / df) + 1 when false.
   * @defaultValue true
   */
  smoothIdf?: boolean;
  /**
   * Multiply tf by idf.
   * @defaultValue true
   */
  useIdf?: boolean;
  /**
   * Row normalisation.
   * @defaultValue 'l2'
   */
  norm?: 'l2' | 'l1' | null;
}
