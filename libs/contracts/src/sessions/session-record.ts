/** An anomalous session as stored in `anomalous_sessions.jsonl`. */
export interface SessionRecord {
  /** `<key>@<first line id>`: stable, so a re-scored session is stored once. */
  readonly id: string;
  /** The session key, e.g. `blk_-1608999687919862906` or a trace id. */
  readonly key: string;
  /** Ids of the session's records, in arrival order. */
  readonly line_ids: string[];
  readonly line_count: number;
  /** First and last time a line of it was seen (ISO-8601). */
  readonly started_at: string;
  readonly ended_at: string;
  readonly closed_by: 'idle' | 'end-line' | 'size';
  readonly is_anomaly: boolean;
  /** Decision value: negative is anomalous. */
  readonly anomaly_score: number;
  /** 0–100, higher is more anomalous. */
  readonly score: number;
  /** What made it stand out, for a person. */
  readonly reason: string;
  readonly unseen_templates: string[];
  readonly model_version: string;
  readonly stored_at: number;
}
