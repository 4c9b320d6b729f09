import type { AbsorbingForest } from './absorbing-forest';
import type { ForestArrays } from './forest-buffer';
import { pathLengthSum } from './path-length';
import type { PreparedMatrix } from './prepare-input';
import { scoreDenseBlocked } from './score-dense-blocked';

/** A fitted forest in the two layouts the scoring kernels use. */
export interface ScoringForest {
  readonly trees: ForestArrays;
  readonly absorbing: AbsorbingForest;
}

/**
 * scikit-learn's `score_samples` for every row: -2^(-E[h(x)] / c(psi)), where `denominator` is
 * nTrees * c(psi). CSR rows are scattered into `scratch` (nCols zeros) and cleared afterwards, so a
 * split reads a value in O(1) instead of searching the row. Sparse rows mostly fall on the zero
 * side of splits, which the branch predictor learns, so they walk one row at a time with branches.
 */
export function scoreMatrix(forest: ScoringForest, x: PreparedMatrix, denominator: number, scratch: Float64Array): Float64Array {
  const out = new Float64Array(x.nRows);
  if (x.kind === 'dense') {
    scoreDenseBlocked(forest.absorbing, x.data, x.nRows, x.nCols, out);
  } else {
    const { indptr, indices, data } = x;
    for (let r = 0; r < x.nRows; r++) {
      const lo = indptr[r];
      const hi = indptr[r + 1];
      for (let k = lo; k < hi; k++) scratch[indices[k]] += data[k];
      out[r] = pathLengthSum(forest.trees, scratch, 0);
      for (let k = lo; k < hi; k++) scratch[indices[k]] = 0;
    }
  }
  for (let r = 0; r < out.length; r++) out[r] = -Math.pow(2, -out[r] / denominator);
  return out;
}
