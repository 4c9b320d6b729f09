import type { ForestArrays } from './forest-buffer';

/**
 * Sum over all trees of the path length h(x) of the row stored at `x[base .. base + nFeatures)`.
 * The hot loop of scoring: flat typed arrays, no allocation.
 */
export function pathLengthSum(forest: ForestArrays, x: Float64Array, base: number): number {
  const { roots, feature, threshold, left, value } = forest;
  let sum = 0;
  for (let t = 0, nTrees = roots.length; t < nTrees; t++) {
    let node = roots[t];
    let f = feature[node];
    while (f >= 0) {
      node = x[base + f] <= threshold[node] ? left[node] : left[node] + 1;
      f = feature[node];
    }
    sum += value[node];
  }
  return sum;
}
