import { InvalidOptionError } from '../errors/invalid-option.error';

/**
 * How a detector turns its training scores into a decision: 'auto' = Tukey's far-out fence of the
 * scores' bulk ({@link fenceOffset}); 'tail' = peaks over threshold, a generalised Pareto tail at
 * risk {@link TAIL_RISK} ({@link tailThreshold}); a number in (0, 0.5] = that share of the
 * training items is flagged (the score quantile).
 */
export type ThresholdRule = 'auto' | 'tail' | number;

/** Risk of the 'tail' rule: probability that an item like the training ones is flagged. */
export const TAIL_RISK = 1e-3;
/** Quantile of the training scores above which the 'tail' rule models the tail. */
export const TAIL_INITIAL_QUANTILE = 0.98;

/** The one check of a contamination / threshold rule option; `caller` names the option's owner in the error. */
export function checkThresholdRule(value: unknown, caller: string): ThresholdRule {
  if (value === 'auto' || value === 'tail') return value;
  if (typeof value === 'number' && value > 0 && value <= 0.5) return value;
  throw new InvalidOptionError(`${caller} requires contamination to be 'auto', 'tail' or a number in (0, 0.5] (got ${String(value)})`);
}
