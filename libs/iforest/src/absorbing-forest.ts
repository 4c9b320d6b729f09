import type { ForestArrays } from './forest-buffer';

/**
 * The forest rewritten for branch-free, fixed-depth traversal: each leaf points to itself with
 * threshold +Infinity (a finite value is never above it), so `depth[t]` steps of
 * `node = left[node] + (x[feature[node]] > threshold[node])` reach the leaf of any row in tree t.
 */
export interface AbsorbingForest {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly value: Float64Array;
  /** Height of each tree (the deepest leaf's depth). */
  readonly depth: Int32Array;
}

export function absorbingForest(forest: ForestArrays): AbsorbingForest {
  const { roots } = forest;
  const nNodes = forest.feature.length;
  const feature = forest.feature.slice();
  const threshold = forest.threshold.slice();
  const left = forest.left.slice();
  const nodeDepth = new Int32Array(nNodes);
  const depth = new Int32Array(roots.length);
  for (let t = 0; t < roots.length; t++) {
    const end = t + 1 < roots.length ? roots[t + 1] : nNodes;
    let height = 0;
    // children always follow their parent, so one forward pass sees every parent first
    for (let i = roots[t]; i < end; i++) {
      if (forest.feature[i] >= 0) {
        nodeDepth[forest.left[i]] = nodeDepth[forest.left[i] + 1] = nodeDepth[i] + 1;
      } else {
        feature[i] = 0;
        threshold[i] = Infinity;
        left[i] = i;
        if (nodeDepth[i] > height) height = nodeDepth[i];
      }
    }
    depth[t] = height;
  }
  return { roots, feature, threshold, left, value: forest.value, depth };
}
