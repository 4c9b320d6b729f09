/** Current `version` of {@link IsolationForestState}; `fromJSON` rejects any other. */
export const STATE_VERSION = 1;

/** Format tag of {@link IsolationForestState}. */
export const STATE_FORMAT = 'logad-iforest';

/**
 * A fitted forest as plain JSON. Node arrays are parallel and indexed by a global node id: an
 * internal node has `feature >= 0`, sends rows with value <= `threshold` to `left` and the others
 * to `left + 1`; a leaf has `feature = -1` and `value` = depth + c(leaf size). `count` is the
 * number of training rows that reached each node. `roots[t]` is the first node of tree t, whose
 * nodes run up to `roots[t + 1]`.
 */
export interface IsolationForestState {
  readonly format: typeof STATE_FORMAT;
  readonly version: typeof STATE_VERSION;
  /** The options the model was built with; `seed` is null when a custom `random` was injected. */
  readonly options: {
    readonly nEstimators: number;
    readonly maxSamples: 'auto' | number;
    readonly maxFeatures: number;
    readonly contamination: 'auto' | number;
    readonly bootstrap: boolean;
    readonly seed: number | null;
  };
  readonly nFeatures: number;
  /** psi: rows each tree was grown on; scores are normalised by c(psi). */
  readonly samplesPerTree: number;
  readonly offset: number;
  readonly roots: number[];
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly value: number[];
  readonly count: number[];
}
