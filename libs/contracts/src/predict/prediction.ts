import type { AnomalyKind } from './anomaly-kind';

/** What the model says of one message (ml-api's `POST /predict` answer). Field names are the seed's. */
export interface Prediction {
  readonly is_anomaly: boolean;
  /** Isolation Forest decision value (score minus the model's offset): negative is anomalous. */
  readonly anomaly_score: number;
  /** -1 anomalous, 1 normal. */
  readonly prediction: -1 | 1;
  /** 0–100, higher is more anomalous; 50 sits on the model's threshold. */
  readonly score: number;
  /** Why: the template the message matched and what pushed the score. */
  readonly explanation?: PredictionExplanation;
  /** For an anomaly: what kind it is. */
  readonly kind?: AnomalyKind;
  /** For an anomaly: one sentence saying why. */
  readonly reason?: string;
}

export interface PredictionExplanation {
  readonly template?: string;
  readonly template_id?: number;
  readonly new_template?: boolean;
  /** A training template's line scoring no further out than some training line of that template did (see docs/models.md, `rare`). */
  readonly usual_for_template?: boolean;
  /** The features that weighed most, strongest first. */
  readonly top_features: ReadonlyArray<{ readonly feature: string; readonly weight: number }>;
}

/** ml-api's `POST /predict/batch` answer, in the order of the request's messages. */
export interface PredictBatchResult {
  readonly model_version: string;
  readonly results: Prediction[];
}
