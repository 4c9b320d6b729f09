import { percentile } from '@logad/iforest';

/** Tukey's "far out" multiplier: an outlier lies beyond 3 interquartile ranges. */
const FAR_OUT = 3;

/**
 * The 'auto' threshold on Isolation Forest scores (scoreSamples, lower = more anomalous): Tukey's
 * far-out fence of the training scores, Q1 − 3·IQR, and never above the Isolation Forest paper's
 * threshold (−0.5). It is set by the bulk of the scores (their quartiles), not by their tail, so
 * unlabelled anomalies among the training items barely move it; the paper's threshold alone flags
 * whole mid-sized clusters of log lines or sessions (it assumes points are not repeated).
 */
export function fenceOffset(trainingScores: ArrayLike<number>): number {
  const q1 = percentile(trainingScores, 25);
  const q3 = percentile(trainingScores, 75);
  return Math.min(-0.5, q1 - FAR_OUT * (q3 - q1));
}
