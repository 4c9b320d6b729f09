import { percentile } from '@logad/iforest';
import { fenceOffset } from './fence-offset';
import { tailThreshold } from './tail-threshold';
import { TAIL_INITIAL_QUANTILE, TAIL_RISK, type ThresholdRule } from './threshold-rule';

/**
 * The decision threshold of a detector, on Isolation Forest scoreSamples (lower = more anomalous;
 * decision = score − offset, negative = anomalous), from the training items each scored exactly
 * as a new item would be. The detectors own this value: the forest's own `offset` (its
 * contamination option) is never used for a decision.
 */
export function fitOffset(trainingScores: ArrayLike<number>, rule: ThresholdRule): number {
  if (rule === 'auto') return fenceOffset(trainingScores);
  if (rule === 'tail') {
    const anomaly = Float64Array.from(trainingScores, (s) => -s);
    return -tailThreshold(anomaly, { risk: TAIL_RISK, initialQuantile: TAIL_INITIAL_QUANTILE });
  }
  return percentile(trainingScores, 100 * rule);
}
