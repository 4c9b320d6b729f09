import { InvalidOptionError } from './errors/invalid-option.error';
import type { ResolvedVectorizerOptions } from './resolve-vectorizer-options';

/** Document-count thresholds for a corpus of `nDocs` documents, with sklearn's int/float rule. */
export function dfBounds(
  opts: Pick<ResolvedVectorizerOptions, 'minDf' | 'maxDf'>, nDocs: number): { minCount: number; maxCount: number } {
  // minDf: integers (incl. 1, sklearn's default int) are counts; maxDf: 1 means sklearn's 1.0
  const minCount = Number.isInteger(opts.minDf) ? opts.minDf : opts.minDf * nDocs;
  const maxCount = Number.isInteger(opts.maxDf) && opts.maxDf > 1 ? opts.maxDf : opts.maxDf * nDocs;
  if (maxCount < minCount) {
    throw new InvalidOptionError(`fit requires maxDf (${opts.maxDf}) to allow at least as many documents as minDf (${opts.minDf}) for ${nDocs} documents`);
  }
  return { minCount, maxCount };
}
