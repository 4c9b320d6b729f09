import { checkScoredLabels } from './check-scored-labels';

/** Counts and rates of a set of binary predictions. */
export interface BinaryCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  /** tp / (tp + fp); 0 when nothing is flagged. */
  readonly precision: number;
  /** tp / (tp + fn); 0 when there is no positive. */
  readonly recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  readonly f1: number;
}

/** Precision, recall and F1 of 0/1 (or boolean) `predicted` against 0/1 `labels`, as sklearn's (zero_division=0). */
export function precisionRecallF1(predicted: ArrayLike<number | boolean>, labels: ArrayLike<number>): BinaryCounts {
  checkScoredLabels(predicted, labels, 'precisionRecallF1');
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = predicted[i] === true || predicted[i] === 1;
    if (p) {
      if (labels[i] === 1) tp++;
      else fp++;
    } else if (labels[i] === 1) fn++;
    else tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, tn, precision, recall, f1 };
}
