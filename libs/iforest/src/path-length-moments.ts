import type { ForestArrays } from './forest-buffer';

/** Sum and sum of squares over all trees of the path length h(x) of the row at `x[base .. base + nFeatures)`. */
export function pathLengthMoments(forest: ForestArrays, x: Float64Array, base: number): { sum: number; sumSq: number } {
  const { roots, feature, threshold, left, value } = forest;
  let sum = 0;
  let sumSq = 0;
  for (let t = 0, nTrees = roots.length; t < nTrees; t++) {
    let node = roots[t];
    let f = feature[node];
    while (f >= 0) {
      node = x[base + f] <= threshold[node] ? left[node] : left[node] + 1;
      f = feature[node];
    }
    sum += value[node];
    sumSq += value[node] * value[node];
  }
  return { sum, sumSq };
}
