import { type DetectionReport, type DetectorTrainingOptions, LogAnomalyDetector, detectionReport } from '@logad/detector';
import type { LabelledLines } from './labelled-data';
import { type ReviewOrder, type ReviewStep, simulateReviews } from './simulate-reviews';

export interface LineEvaluation {
  readonly level: 'line';
  readonly split: { readonly trainFraction: number; readonly trainLines: number; readonly testLines: number; readonly note: string };
  readonly model: Record<string, unknown>;
  readonly report: DetectionReport;
  readonly timings: { readonly trainMs: number; readonly scoreMs: number; readonly linesPerSecond: number };
  /** With reviews: the figures before and after each simulated review (alert group = template). */
  readonly reviews?: ReviewStep[];
}

/** Simulated operator reviews: how many, and which group is looked at first. */
export interface ReviewSimulation {
  readonly reviews: number;
  readonly order: ReviewOrder;
}

/** Trains on the first `trainFraction` of the lines (labels unused) and scores the rest; 1 = train and score on all. */
export function runLineEvaluation(data: LabelledLines, trainFraction: number, options: DetectorTrainingOptions, review?: ReviewSimulation): LineEvaluation {
  const n = data.events.length;
  const all = trainFraction >= 1;
  const nTrain = all ? n : Math.max(2, Math.round(n * trainFraction));
  const train = data.events.slice(0, nTrain);
  const test = all ? data.events : data.events.slice(nTrain);
  const labels = all ? data.labels : data.labels.slice(nTrain);
  const t0 = process.hrtime.bigint();
  const detector = LogAnomalyDetector.train(train, options);
  const t1 = process.hrtime.bigint();
  const predictions = detector.score(test);
  const t2 = process.hrtime.bigint();
  const report = detectionReport(
    predictions.map((p) => -p.anomaly_score),
    predictions.map((p) => p.is_anomaly),
    labels,
  );
  const scoreMs = Number(t2 - t1) / 1e6;
  const reviews =
    review && review.reviews > 0
      ? simulateReviews(
          predictions.map((p, i) => ({
            score: p.score,
            flagged: p.is_anomaly,
            group: p.explanation.template_id !== undefined ? `#${p.explanation.template_id}` : (p.explanation.template ?? ''),
            label: labels[i] === 1,
          })),
          review.reviews,
          review.order,
        )
      : undefined;
  return {
    ...(reviews ? { reviews } : {}),
    level: 'line',
    split: {
      trainFraction: all ? 1 : trainFraction,
      trainLines: train.length,
      testLines: test.length,
      note: all
        ? 'trained and scored on the same lines (labels never used in training)'
        : `chronological: first ${nTrain} lines train (unlabelled), the remaining ${test.length} are scored`,
    },
    model: detector.info() as unknown as Record<string, unknown>,
    report,
    timings: { trainMs: Number(t1 - t0) / 1e6, scoreMs, linesPerSecond: Math.round(test.length / (scoreMs / 1000)) },
  };
}
