import { ScoredRecord, SessionRecord } from '@logad/contracts';

/** What one `write` did. */
export interface WriteResult {
  /** Records appended. */
  readonly written: number;
  /** Records skipped because a record with the same id is already stored. */
  readonly duplicates: number;
}

/**
 * The worker's port: where scored records and anomalous sessions go. Adapters make `write`
 * idempotent by record id and do not resolve before the records are durably handed to the store:
 * the worker completes a queue job only after `write` resolves. The store keeps the order records
 * arrive in (the order of a batch, then of batches), which `RecordQueries.around` breaks ties with.
 */
export abstract class RecordSink {
  /** Prepares for writing (files opened and repaired, a pool connected and migrated); once per instance. */
  abstract open(): Promise<void>;
  abstract write(records: readonly ScoredRecord[]): Promise<WriteResult>;
  /** Stores anomalous sessions, idempotent by session record id. */
  abstract writeSessions(sessions: readonly SessionRecord[]): Promise<WriteResult>;
  /** Waits for writes in flight, then releases what `open` took. */
  abstract close(): Promise<void>;
}
