import { InvalidOptionError } from './errors/invalid-option.error';

/** Options of {@link IsolationForest}; names follow scikit-learn's `IsolationForest` in camelCase. */
export interface IsolationForestOptions {
  /**
   * Number of trees.
   * @defaultValue 100
   */
  nEstimators?: number;
  /**
   * Rows drawn for each tree: `'auto'` = min(256, n); an integer >= 2 is a count (capped at n);
   * a number in (0, 1] is a fraction of n (so `1` means all rows, like `1.0`).
   * @defaultValue 'auto'
   */
  maxSamples?: 'auto' | number;
  /**
   * Features drawn (without replacement) for each tree: an integer >= 2 is a count (at most the
   * number of features); a number in (0, 1] is a fraction, max(1, floor(f * nFeatures)), so `1` means all.
   * @defaultValue 1.0
   */
  maxFeatures?: number;
  /**
   * `'auto'` sets `offset` to -0.5 (the paper's threshold); a number in (0, 0.5] sets `offset` to
   * that percentile of the training rows' `scoreSamples`, so about that fraction is flagged.
   * @defaultValue 'auto'
   */
  contamination?: 'auto' | number;
  /**
   * Draw each tree's rows with replacement.
   * @defaultValue false
   */
  bootstrap?: boolean;
  /**
   * Seed of the built-in {@link mulberry32} generator; same seed, same data => same model.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Generator of uniform numbers in [0, 1); overrides `seed`.
   * @defaultValue mulberry32(seed)
   */
  random?: () => number;
}

/** Options after validation, with defaults filled in. */
export interface ResolvedOptions {
  readonly nEstimators: number;
  readonly maxSamples: 'auto' | number;
  readonly maxFeatures: number;
  readonly contamination: 'auto' | number;
  readonly bootstrap: boolean;
  readonly seed: number;
  readonly random: (() => number) | undefined;
}

/** Checks every option's type and range; counts that depend on the data are checked by `fit`. */
export function resolveOptions(options: IsolationForestOptions | undefined): ResolvedOptions {
  const o = options ?? {};
  if (typeof o !== 'object') throw new InvalidOptionError('IsolationForest requires options to be an object');
  const nEstimators = o.nEstimators ?? 100;
  if (!Number.isInteger(nEstimators) || nEstimators < 1) {
    throw new InvalidOptionError(`IsolationForest requires nEstimators to be an integer >= 1 (got ${String(nEstimators)})`);
  }
  const maxSamples = o.maxSamples ?? 'auto';
  if (maxSamples !== 'auto' && !isCountOrFraction(maxSamples)) {
    throw new InvalidOptionError(`IsolationForest requires maxSamples to be 'auto', an integer >= 2 or a fraction in (0, 1] (got ${String(maxSamples)})`);
  }
  const maxFeatures = o.maxFeatures ?? 1.0;
  if (!isCountOrFraction(maxFeatures)) {
    throw new InvalidOptionError(`IsolationForest requires maxFeatures to be an integer >= 2 or a fraction in (0, 1] (got ${String(maxFeatures)})`);
  }
  const contamination = o.contamination ?? 'auto';
  if (contamination !== 'auto' && !(typeof contamination === 'number' && contamination > 0 && contamination <= 0.5)) {
    throw new InvalidOptionError(`IsolationForest requires contamination to be 'auto' or a number in (0, 0.5] (got ${String(contamination)})`);
  }
  const bootstrap = o.bootstrap ?? false;
  if (typeof bootstrap !== 'boolean') throw new InvalidOptionError(`IsolationForest requires bootstrap to be a boolean (got ${String(bootstrap)})`);
  const seed = o.seed ?? 42;
  if (!Number.isInteger(seed)) throw new InvalidOptionError(`IsolationForest requires seed to be an integer (got ${String(seed)})`);
  if (o.random !== undefined && typeof o.random !== 'function') {
    throw new InvalidOptionError('IsolationForest requires random to be a function returning numbers in [0, 1)');
  }
  return { nEstimators, maxSamples, maxFeatures, contamination, bootstrap, seed, random: o.random };
}

function isCountOrFraction(v: unknown): v is number {
  return typeof v === 'number' && ((Number.isInteger(v) && v >= 1) || (v > 0 && v <= 1));
}
