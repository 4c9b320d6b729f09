import { type DetectionReport, type DetectorTrainingOptions, type SessionOptions, LogAnomalyDetector, SessionDetector, detectionReport } from '@logad/detector';
import type { LabelledSession } from './labelled-data';

export interface SessionEvaluation {
  readonly level: 'session';
  readonly split: { readonly trainFraction: number; readonly trainSessions: number; readonly testSessions: number; readonly note: string };
  readonly model: Record<string, unknown>;
  readonly report: DetectionReport;
  /** The line model on the same split, a session scored by its most anomalous line (the seed's per-block recipe). */
  readonly worstLine: DetectionReport;
  readonly timings: { readonly trainMs: number; readonly scoreMs: number; readonly sessionsPerSecond: number };
}

/** Trains the session model on the first `trainFraction` of sessions (by first appearance, labels unused); scores the rest. */
export function runSessionEvaluation(
  sessions: readonly LabelledSession[],
  trainFraction: number,
  options: SessionOptions,
  lineOptions: DetectorTrainingOptions,
): SessionEvaluation {
  const all = trainFraction >= 1;
  const nTrain = all ? sessions.length : Math.max(2, Math.round(sessions.length * trainFraction));
  const train = sessions.slice(0, nTrain);
  const test = all ? sessions : sessions.slice(nTrain);
  const labels = test.map((s) => s.label);
  const t0 = process.hrtime.bigint();
  const detector = SessionDetector.train(
    train.map((s) => s.events),
    options,
  );
  const t1 = process.hrtime.bigint();
  const predictions = detector.score(test.map((s) => s.events));
  const t2 = process.hrtime.bigint();
  const report = detectionReport(
    predictions.map((p) => -p.anomaly_score),
    predictions.map((p) => p.is_anomaly),
    labels,
  );
  const lines = LogAnomalyDetector.train(
    train.flatMap((s) => s.events),
    lineOptions,
  );
  const worstScores: number[] = [];
  const worstFlags: boolean[] = [];
  for (const s of test) {
    const p = lines.score(s.events);
    let worst = -Infinity;
    for (const x of p) worst = Math.max(worst, -x.anomaly_score);
    worstScores.push(worst);
    worstFlags.push(p.some((x) => x.is_anomaly));
  }
  const scoreMs = Number(t2 - t1) / 1e6;
  return {
    level: 'session',
    split: {
      trainFraction: all ? 1 : trainFraction,
      trainSessions: train.length,
      testSessions: test.length,
      note: all
        ? 'trained and scored on the same sessions (labels never used in training)'
        : `by first appearance: first ${train.length} sessions train (unlabelled), the remaining ${test.length} are scored`,
    },
    model: detector.info() as unknown as Record<string, unknown>,
    report,
    worstLine: detectionReport(worstScores, worstFlags, labels),
    timings: { trainMs: Number(t1 - t0) / 1e6, scoreMs, sessionsPerSecond: Math.round(test.length / (scoreMs / 1000)) },
  };
}
