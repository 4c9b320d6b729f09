import { percentile } from '@logad/iforest';
import { fitGpd, gpdQuantile } from './gpd';

/** Options of {@link tailThreshold}. */
export interface TailOptions {
  /** Probability that an item like the training ones exceeds the threshold, in (0, 1). */
  readonly risk: number;
  /** Quantile (in (0, 1)) of the scores above which the tail is modelled. */
  readonly initialQuantile: number;
}

/**
 * Peaks over threshold (Siffer et al., KDD 2017, SPOT's initial step): the excesses of the
 * scores (higher = more anomalous) over their `initialQuantile` are fitted with a generalised
 * Pareto distribution, and the threshold is the score exceeded with probability `risk`:
 * z = t + GPD⁻¹(risk · n / N_t). Falls back to the largest score when the tail cannot be fitted.
 */
export function tailThreshold(scores: ArrayLike<number>, options: TailOptions): number {
  const n = scores.length;
  const t = percentile(scores, 100 * options.initialQuantile);
  const excesses: number[] = [];
  for (let i = 0; i < n; i++) if (scores[i] > t) excesses.push(scores[i] - t);
  const gpd = fitGpd(excesses);
  if (gpd === null) return percentile(scores, 100);
  const p = (options.risk * n) / excesses.length;
  if (p >= 1) return t;
  return t + gpdQuantile(gpd, p);
}
