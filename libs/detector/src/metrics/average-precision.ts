import { InvalidInputError } from '../errors/invalid-input.error';
import { checkScoredLabels } from './check-scored-labels';
import { sortDesc } from './sort-desc';

/**
 * Area under the precision-recall curve as sklearn's `average_precision_score`:
 * Σ (R_k − R_{k−1}) · P_k over the distinct thresholds, highest first (tied scores form one step).
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkScoredLabels(scores, labels, 'averagePrecision');
  let nPos = 0;
  for (let i = 0; i < labels.length; i++) nPos += labels[i];
  if (nPos === 0) throw new InvalidInputError('averagePrecision requires at least one positive label');
  const order = sortDesc(scores);
  let tp = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let k = 0; k < order.length; k++) {
    tp += labels[order[k]];
    if (k + 1 < order.length && scores[order[k + 1]] === scores[order[k]]) continue;
    const recall = tp / nPos;
    ap += (recall - prevRecall) * (tp / (k + 1));
    prevRecall = recall;
  }
  return ap;
}
