import { maskRulesToJSON } from '@logad/text';
import type { ResolvedVectorizerOptions } from './resolve-vectorizer-options';
import type { SerializedVectorizerOptions } from './tfidf-state';

/** Options in JSON form; mask rules are written out in full so a saved model never silently changes tokenizer. */
export function serializeOptions(o: ResolvedVectorizerOptions): SerializedVectorizerOptions {
  const t = o.tokenizeOptions;
  return {
    tokenizer: o.tokenizer,
    tokenizeOptions:
      o.tokenizer === 'log'
        ? {
            lowercase: t.lowercase,
            mask: t.mask,
            minTokenLength: t.minTokenLength,
            maskRules: maskRulesToJSON(t.maskRules),
          }
        : null,
    minDf: o.minDf,
    maxDf: o.maxDf,
    maxFeatures: o.maxFeatures,
    sublinearTf: o.sublinearTf,
    smoothIdf: o.smoothIdf,
    useIdf: o.useIdf,
    norm: o.norm,
  };
}
