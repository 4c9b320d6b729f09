import { Store, StoreCapabilities } from '../ports/store';
import { redactUrl } from '../redact-url';
import { PostgresConnection } from './postgres-connection';
import { PostgresFeedbackStore } from './postgres.feedback-store';
import { PostgresRecordQueries } from './postgres.record-queries';
import { PostgresRecordSink } from './postgres.record-sink';
import { PostgresStoreOptions } from './postgres-store.options';

/**
 * A store in PostgreSQL (`logad_records`, `logad_sessions`, `logad_template_feedback`). Its ports
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

  constructor(options: PostgresStoreOptions) {
    super();
    this.connection = new PostgresConnection(options);
    this.location = redactUrl(options.url);
    this.sink = new PostgresRecordSink(this.connection);
    this.queries = new PostgresRecordQueries(this.connection);
    this.feedback = new PostgresFeedbackStore(this.connection);
  }

  connect(): Promise<void> {
    return this.connection.open(this);
  }

  close(): Promise<void> {
    return this.connection.close(this);
  }
}
