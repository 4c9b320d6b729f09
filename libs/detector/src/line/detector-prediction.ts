/** One feature that pushed a score, named for a person: 'token:checksum', 'unseen_template', 'level:ERROR'. */
export interface FeatureWeight {
  feature: string;
  /** Share of the isolation credit (0–1, the entries of one explanation sum to at most 1). */
  weight: number;
}

/** Why a line scored as it did. */
export interface PredictionExplanation {
  /** The line's template (masked tokens), as learnt in training or derived from the line. */
  template?: string;
  /** Id of the training template; absent for a template never seen in training. */
  template_id?: number;
  /** True when no training line had this template. */
  new_template?: boolean;
  /**
   * For a training template: true when the line scores no further out than some training line of
   * that template did (what is odd about it, if anything, is how often the pattern comes, which the
   * online baselines judge); false when it is stranger than every line its template had in
   * training. Absent for a new template and for models saved before it was kept.
   */
  usual_for_template?: boolean;
  top_features: FeatureWeight[];
}

/** The answer for one line. */
export interface DetectorPrediction {
  is_anomaly: boolean;
  /**
   * Isolation Forest decision value (scoreSamples − offset), negative = anomalous; for a line of a
   * template never seen in training (with flagNewTemplates) min(decision, 0) − 0.01·(1 − scoreSamples),
   * so it is negative and such lines still rank among themselves by the forest's score.
   */
  anomaly_score: number;
  prediction: -1 | 1;
  /** 0–100, higher = more anomalous, 50 = on the threshold. */
  score: number;
  explanation: PredictionExplanation;
}

/** What a trained model is. */
export interface DetectorInfo {
  version: string;
  trained_at: string;
  parameters: Record<string, unknown>;
  vocabulary_size: number;
  training_lines: number;
  templates: number;
}
