import { Store, StoreCapabilities } from '../ports/store';
import { redactUrl } from '../redact-url';
import { PostgresConnection } from './postgres-connection';
import { PostgresFeedbackStore } from './postgres.feedback-store';
import { PostgresRecordQueries } from './postgres.record-queries';
import { PostgresRecordRetention } from './postgres.record-retention';
import { PostgresRecordSink } from './postgres.record-sink';
import { PostgresStoreOptions } from './postgres-store.options';

/**
 * A store in PostgreSQL (`logad_records` by day, `logad_record_ids`, `logad_sessions`, `logad_template_feedback`). Its ports
 * share one pool; the sink's `open` and the store's `connect` each open it (running the migrations
 * the first time), and it ends when both have closed.
 */
export class PostgresStore extends Store {
  static readonly capabilities: StoreCapabilities = { queriesNeedConnect: true, sharedAcrossHosts: true, arrivalOrder: 'exact' };

  readonly adapter = 'postgres';
  readonly capabilities = PostgresStore.capabilities;
  readonly location: string;
  readonly connection: PostgresConnection;
  readonly sink: PostgresRecordSink;
  readonly queries: PostgresRecordQueries;
  readonly feedback: PostgresFeedbackStore;
  readonly retention: PostgresRecordRetention;

  constructor(options: PostgresStoreOptions) {
    super();
    this.connection = new PostgresConnection(options);
    this.location = redactUrl(options.url);
    this.sink = new PostgresRecordSink(this.connection);
    this.queries = new PostgresRecordQueries(this.connection);
    this.feedback = new PostgresFeedbackStore(this.connection);
    this.retention = new PostgresRecordRetention(this.connection);
  }

  connect(): Promise<void> {
    return this.connection.open(this);
  }

  close(): Promise<void> {
    return this.connection.close(this);
  }
}
