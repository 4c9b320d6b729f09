import type { FeatureWeight } from '../line/detector-prediction';

/** The answer for one session (a request, block, job or trace). */
export interface SessionPrediction {
  is_anomaly: boolean;
  /**
   * Decision value, negative = anomalous: the forest's decision (forest_score), or, when the session
   * shows a novelty, min(forest_score, 0) − 0.01·(1 − scoreSamples) (see noveltyDecision).
   */
  anomaly_score: number;
  prediction: -1 | 1;
  /** 0–100, higher = more anomalous, 50 = on the threshold. */
  score: number;
  /** The Isolation Forest's own decision value (scoreSamples − offset), before novelties. */
  forest_score: number;
  /** One sentence for a person: what made the session stand out (or 'ordinary'). */
  reason: string;
  /** Templates of the session that no training session had. */
  unseen_templates: string[];
  top_features: FeatureWeight[];
}
