import type { DetectorPrediction } from '../line/detector-prediction';
import type { StreamVerdict } from './stream-verdict';

/** The verdict on one event of the online path: the stream's kinds, or the line model's `rare`. */
export interface EventDecision {
  readonly is_anomaly: boolean;
  readonly kind: 'new_pattern' | 'surge' | 'rare' | null;
  /** 0–100; above 50 for an anomaly. */
  readonly score: number;
  /** Decision value for the seed's contract: (50 − score) / 50, negative exactly when anomalous. */
  readonly anomaly_score: number;
  readonly reason: string | null;
}

/**
 * Combines the stream stage with the line model (`lineKnowsSource`: the line model's training corpus
 * held this source — after automatic retraining, the user's own sources too). New patterns and surges are the stream's: it knows
 * each source's own traffic. The line model speaks only where it knows the traffic too — a source
 * of its training corpus, a template it learnt — and then flags a line of that familiar template
 * that it scores far out and stranger than any of the template's training lines (`rare`: an odd
 * level or odd tokens for the pattern; a rare but regular pattern is not one). On any other source
 * its opinion would be of someone else's logs (the 100 %-anomalous first hour), so it is not asked.
 */
export function decideEvent(stream: StreamVerdict, line: DetectorPrediction | null, lineKnowsSource = stream.trainedSource): EventDecision {
  if (stream.kind !== null) return decided(true, stream.kind, stream.score, stream.reason);
  const familiar = line !== null && lineKnowsSource && stream.established && line.explanation.new_template !== true;
  // beyond the threshold and stranger than any line its pattern had in training: an infrequent but
  // regular pattern (an hourly save) scores low every time and is not news on its own
  if (familiar && line.is_anomaly && line.explanation.usual_for_template !== true) {
    const why = line.explanation.top_features[0]?.feature;
    return decided(
      true,
      'rare',
      Math.max(line.score, 50.01),
      `unusual line for its pattern${why ? ` (${why})` : ''}: the line model scores it ${line.score.toFixed(0)}/100`,
    );
  }
  // normal: the line model's score where it knows the traffic, else the stream's own
  const score = familiar ? Math.min(line.score, 50) : Math.min(stream.score, 50);
  return decided(false, null, score, null);
}

function decided(isAnomaly: boolean, kind: EventDecision['kind'], score: number, reason: string | null): EventDecision {
  const s = Math.round(Math.min(100, Math.max(0, score)) * 100) / 100;
  // 50 sits on the threshold; a normal line exactly at 50 stays on the normal side (0, not negative)
  const anomalyScore = isAnomaly ? Math.min(-1e-4, (50 - s) / 50) : Math.max(0, (50 - s) / 50);
  return { is_anomaly: isAnomaly, kind, score: s, anomaly_score: anomalyScore, reason };
}
