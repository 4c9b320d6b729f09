import { ScoredRecord, SessionRecord } from '@logad/contracts';

/** What one `write` did. */
export interface WriteResult {
  /** Records appended. */
  readonly written: number;
  /** Records skipped because a record with the same id is already stored. */
  readonly duplicates: number;
}

/**
 * Port for scored log records. Adapters must make `write` idempotent by record id and must
 * not resolve before the records are durably handed to the store: the worker completes a
 * queue job only after `write` resolves.
 */
export abstract class Storage {
  abstract open(): Promise<void>;
  abstract write(records: readonly ScoredRecord[]): Promise<WriteResult>;
  /** Stores anomalous sessions, idempotent by session record id. */
  abstract writeSessions(sessions: readonly SessionRecord[]): Promise<WriteResult>;
  abstract close(): Promise<void>;
}
