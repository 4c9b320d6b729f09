import type { ForestArrays } from './forest-buffer';

/** Path length h(x) in tree `t` of the row stored at `x[base .. base + nFeatures)`: the one walk down a tree. */
function treePathLength(forest: ForestArrays, t: number, x: Float64Array, base: number): number {
  const { feature, threshold, left, value } = forest;
  let node = forest.roots[t];
  let f = feature[node];
  while (f >= 0) {
    node = x[base + f] <= threshold[node] ? left[node] : left[node] + 1;
    f = feature[node];
  }
  return value[node];
}

/** Sum over all trees of the row's path length. The hot loop of scoring: flat typed arrays, no allocation. */
export function pathLengthSum(forest: ForestArrays, x: Float64Array, base: number): number {
  let sum = 0;
  for (let t = 0, nTrees = forest.roots.length; t < nTrees; t++) sum += treePathLength(forest, t, x, base);
  return sum;
}

/** Sum and sum of squares over all trees of the row's path length (for the score's standard error). */
export function pathLengthMoments(forest: ForestArrays, x: Float64Array, base: number): { sum: number; sumSq: number } {
  let sum = 0;
  let sumSq = 0;
  for (let t = 0, nTrees = forest.roots.length; t < nTrees; t++) {
    const h = treePathLength(forest, t, x, base);
    sum += h;
    sumSq += h * h;
  }
  return { sum, sumSq };
}
