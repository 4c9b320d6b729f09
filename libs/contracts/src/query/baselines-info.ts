/** One source's online baseline as ml-api describes it (`GET /baselines`), times in event time. */
export interface SourceBaselineInfo {
  readonly source: string;
  /** Still in its learning period: its new templates are learnt, not alerted on. */
  readonly learning: boolean;
  /** When the learning period ends (ISO-8601); null when it has none (a baseline from training). */
  readonly learning_ends_at: string | null;
  /** The baseline came from the training corpus rather than from live traffic. */
  readonly trained: boolean;
  readonly templates: number;
  readonly lines: number;
  readonly last_seen: string | null;
}

/** ml-api's `GET /baselines`, passed on by ingest-api's `GET /api/v1/baselines`. */
export interface BaselinesInfo {
  readonly learning_period_ms: number;
  readonly sources: readonly SourceBaselineInfo[];
}
