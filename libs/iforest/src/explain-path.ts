import type { ForestArrays } from './forest-buffer';

/** One feature's share in isolating a row. */
export interface FeatureContribution {
  readonly feature: number;
  readonly weight: number;
}

/**
 * DIFFI-style attribution (Carletti et al. 2020) of one row stored at `x[base ..]`. In each tree,
 * every split on the row's path credits its feature with (1 - nChild / nNode) / h: h is the row's
 * path length in that tree, so trees that isolate the row early count more, and nChild / nNode is
 * the share of the node's training rows that follow the row, so a split that cuts the row off from
 * most rows counts more than one that keeps it with the crowd. Weights are normalised to sum 1 over
 * all features; the `topK` largest are returned, largest first (ties by feature index).
 */
export function explainPath(forest: ForestArrays, x: Float64Array, base: number, nFeatures: number, topK: number): FeatureContribution[] {
  const { roots, feature, threshold, left, value, count } = forest;
  const credit = new Float64Array(nFeatures);
  const pathFeatures: number[] = [];
  const pathImbalance: number[] = [];
  for (let t = 0; t < roots.length; t++) {
    pathFeatures.length = 0;
    pathImbalance.length = 0;
    let node = roots[t];
    while (feature[node] >= 0) {
      const f = feature[node];
      const child = x[base + f] <= threshold[node] ? left[node] : left[node] + 1;
      pathFeatures.push(f);
      pathImbalance.push(1 - count[child] / count[node]);
      node = child;
    }
    const h = value[node];
    if (h <= 0) continue;
    for (let i = 0; i < pathFeatures.length; i++) credit[pathFeatures[i]] += pathImbalance[i] / h;
  }
  let total = 0;
  for (let f = 0; f < nFeatures; f++) total += credit[f];
  const out: FeatureContribution[] = [];
  if (total <= 0) return out;
  for (let f = 0; f < nFeatures; f++) if (credit[f] > 0) out.push({ feature: f, weight: credit[f] / total });
  out.sort((a, b) => b.weight - a.weight || a.feature - b.feature);
  return out.slice(0, topK);
}
