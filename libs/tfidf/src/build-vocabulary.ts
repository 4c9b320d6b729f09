import { dfBounds } from './df-bounds';
import { EmptyVocabularyError } from './errors/empty-vocabulary.error';
import { numpyArgsort } from './numpy-argsort';
import type { ResolvedVectorizerOptions } from './resolve-vectorizer-options';
import { sortIdsByCodePoint } from './sort-ids-by-code-point';
import type { TermCounter } from './term-counter';

/** The fitted vocabulary: terms in code-point order and where each counted term went. */
export interface BuiltVocabulary {
  /** Kept terms, sorted; a term's position is its feature index. */
  readonly terms: string[];
  /** Document frequency of each kept term, by feature index. */
  readonly df: Int32Array;
  /** Counter id → feature index, or -1 for a pruned term. */
  readonly remap: Int32Array;
}

/**
 * sklearn's `_sort_features` + `_limit_features`: sort all terms, keep those with
 * minCount ≤ df ≤ maxCount, then if more than maxFeatures remain keep the first maxFeatures of
 * `argsort(-tf)` over the kept terms in sorted order (numpy's unstable introsort decides ties).
 */
export function buildVocabulary(
  counter: TermCounter,
  opts: Pick<ResolvedVectorizerOptions, 'minDf' | 'maxDf' | 'maxFeatures'>,
): BuiltVocabulary {
  const terms0 = counter.table.terms;
  const nTerms = terms0.length;
  if (nTerms === 0) throw new EmptyVocabularyError('fit found no tokens in any document: empty vocabulary');
  const { minCount, maxCount } = dfBounds(opts, counter.nDocs);
  const order = sortIdsByCodePoint(terms0); // sorted position → counter id

  const keep = new Uint8Array(nTerms);
  let kept = 0;
  for (let k = 0; k < nTerms; k++) {
    const d = counter.df[order[k]];
    if (d <= maxCount && d >= minCount) {
      keep[k] = 1;
      kept++;
    }
  }
  if (opts.maxFeatures !== null && kept > opts.maxFeatures) {
    const positions = new Int32Array(kept);
    const negTf = new Float64Array(kept);
    for (let k = 0, m = 0; k < nTerms; k++) {
      if (keep[k] === 1) {
        positions[m] = k;
        negTf[m++] = -counter.tf[order[k]];
      }
    }
    const ranked = numpyArgsort(negTf);
    keep.fill(0);
    for (let r = 0; r < opts.maxFeatures; r++) keep[positions[ranked[r]]] = 1;
    kept = opts.maxFeatures;
  }
  if (kept === 0) {
    throw new EmptyVocabularyError('fit pruned every term: no terms remain after minDf/maxDf; try a lower minDf or a higher maxDf');
  }

  const terms: string[] = new Array<string>(kept);
  const df = new Int32Array(kept);
  const remap = new Int32Array(nTerms).fill(-1);
  for (let k = 0, j = 0; k < nTerms; k++) {
    if (keep[k] === 1) {
      terms[j] = terms0[order[k]];
      df[j] = counter.df[order[k]];
      remap[order[k]] = j++;
    }
  }
  return { terms, df, remap };
}
