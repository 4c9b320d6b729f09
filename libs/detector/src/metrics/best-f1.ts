import { InvalidInputError } from '../errors/invalid-input.error';
import { checkScoredLabels } from './check-scored-labels';
import { sortDesc } from './sort-desc';

/** The best F1 over all thresholds, and where it is reached. */
export interface BestF1 {
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
  /** Flag `score >= threshold`. */
  readonly threshold: number;
}

/**
 * Highest F1 of the rule "flag score >= t" over every threshold t (higher score = more likely
 * positive), as the maximum of sklearn's precision_recall_curve F1s. Chosen with the labels:
 * an optimistic bound, never a deployable threshold.
 */
export function bestF1(scores: ArrayLike<number>, labels: ArrayLike<number>): BestF1 {
  checkScoredLabels(scores, labels, 'bestF1');
  let nPos = 0;
  for (let i = 0; i < labels.length; i++) nPos += labels[i];
  if (nPos === 0) throw new InvalidInputError('bestF1 requires at least one positive label');
  const order = sortDesc(scores);
  let best: BestF1 = { f1: 0, precision: 0, recall: 0, threshold: Infinity };
  let tp = 0;
  for (let k = 0; k < order.length; k++) {
    tp += labels[order[k]];
    // evaluate only at the end of a run of tied scores
    if (k + 1 < order.length && scores[order[k + 1]] === scores[order[k]]) continue;
    const precision = tp / (k + 1);
    const recall = tp / nPos;
    const f1 = tp === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > best.f1) best = { f1, precision, recall, threshold: scores[order[k]] };
  }
  return best;
}
