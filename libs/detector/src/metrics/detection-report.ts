import { rocAuc } from '@logad/iforest';
import { averagePrecision } from './average-precision';
import { bestF1 } from './best-f1';
import { precisionRecallF1 } from './precision-recall-f1';

/** Every figure of a labelled evaluation. */
export interface DetectionReport {
  readonly items: number;
  readonly positives: number;
  readonly flagged: number;
  /** At the model's own threshold. */
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Best F1 over all thresholds, chosen with the labels (an upper bound, not deployable). */
  readonly bestF1: number;
  readonly bestF1Precision: number;
  readonly bestF1Recall: number;
  readonly rocAuc: number;
  /** Average precision (area under the precision-recall curve). */
  readonly prAuc: number;
  /** Share of the items flagged: the one figure a data set with no anomaly (or only anomalies) has. */
  readonly flaggedShare: number;
}

/**
 * Scores (higher = more anomalous), the model's own decisions and 0/1 labels → precision/recall/F1
 * at the model's threshold, best-threshold F1, ROC-AUC and PR-AUC. With one class only (a log with no
 * anomaly) the ranking figures do not exist: they are NaN (null in JSON), and the flagged share is what counts.
 */
export function detectionReport(scores: ArrayLike<number>, predicted: ArrayLike<number | boolean>, labels: ArrayLike<number>): DetectionReport {
  const at = precisionRecallF1(predicted, labels);
  const positives = at.tp + at.fn;
  const flaggedShare = labels.length === 0 ? 0 : (at.tp + at.fp) / labels.length;
  if (positives === 0 || positives === labels.length) {
    return { items: labels.length, positives, flagged: at.tp + at.fp, tp: at.tp, fp: at.fp, fn: at.fn, precision: at.precision, recall: at.recall, f1: at.f1, bestF1: NaN, bestF1Precision: NaN, bestF1Recall: NaN, rocAuc: NaN, prAuc: NaN, flaggedShare };
  }
  const best = bestF1(scores, labels);
  return {
    items: labels.length,
    positives: at.tp + at.fn,
    flagged: at.tp + at.fp,
    tp: at.tp,
    fp: at.fp,
    fn: at.fn,
    precision: at.precision,
    recall: at.recall,
    f1: at.f1,
    bestF1: best.f1,
    bestF1Precision: best.precision,
    bestF1Recall: best.recall,
    rocAuc: rocAuc(scores, labels),
    prAuc: averagePrecision(scores, labels),
    flaggedShare,
  };
}
