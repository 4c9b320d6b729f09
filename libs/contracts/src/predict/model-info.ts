import { SessionSettings } from '../sessions/predict-sessions.dto';

/** ml-api's `GET /model` answer. */
export interface ModelInfo {
  readonly version: string;
  readonly trained_at: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly vocabulary_size: number;
  readonly training_lines: number;
  readonly templates?: number;
  /** How records are grouped into sessions, when the model has a session detector; else null. */
  readonly sessions: SessionSettings | null;
}
