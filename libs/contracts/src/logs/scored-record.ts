import type { AnomalyKind } from '../predict/anomaly-kind';
import { QueuedLog } from './queued-log';

/** What storage keeps for every log once the model has scored it. */
export interface ScoredRecord {
  readonly id: string;
  readonly timestamp: string;
  readonly source: string | null;
  readonly level: QueuedLog['level'];
  readonly message: string;
  /** Isolation Forest decision value: negative is anomalous. */
  readonly anomaly_score: number;
  readonly is_anomaly: boolean;
  /** -1 anomalous, 1 normal. */
  readonly prediction: -1 | 1;
  readonly model_version: string;
  /** 0–100, higher is more anomalous. */
  readonly score?: number;
  readonly template?: string;
  readonly template_id?: number;
  /** For an anomaly: what kind it is. */
  readonly kind?: AnomalyKind;
  /** For an anomaly: one sentence saying why, for a person ("412 lines in 1 min, usually 3 ± 2"). */
  readonly reason?: string;
  readonly attributes?: Record<string, unknown>;
  /** The ingest request that brought it. */
  readonly request_id?: string;
  /** Its template was muted when it was stored: flagged as usual, but it raised no alert. */
  readonly muted?: boolean;
  readonly received_at: number;
  readonly stored_at: number;
}
