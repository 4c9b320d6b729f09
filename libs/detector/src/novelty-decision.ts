/** Margin below the threshold for something never seen in training. */
const NOVELTY_STEP = 0.01;

/**
 * Decision value of an item flagged for a novelty (a template or transition never seen in
 * training): always negative (anomalous), and still ordered by the forest's own score `s`
 * (scoreSamples ∈ [−1, 0], lower = stranger) so novel items rank among themselves.
 */
export function noveltyDecision(forestDecision: number, s: number): number {
  return Math.min(forestDecision, 0) - NOVELTY_STEP * (1 - s);
}
