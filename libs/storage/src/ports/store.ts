import { FeedbackStore } from './feedback-store';
import { RecordQueries } from './record-queries';
import { RecordRetention } from './record-retention';
import { RecordSink } from './record-sink';

/** What an app must know about a store, declared by its adapter (never found out with `instanceof`). */
export interface StoreCapabilities {
  /**
   * `true`: the queries and the feedback need `Store.connect()` to have resolved (a server, which
   * may be down: retry). `false`: they read by path and answer at once; `connect()` does nothing.
   */
  readonly queriesNeedConnect: boolean;
  /**
   * `true`: every host that names this store reads what every host wrote. `false` (files on a
   * local disk): a reader sees only the records written to its own host's disk.
   */
  readonly sharedAcrossHosts: boolean;
  /**
   * How records of one millisecond are ordered by `around`. `'exact'`: by arrival sequence.
   * `'per-file'`: by the worker's write time (`stored_at`), then normal before anomalous records,
   * then position in the files — exact within normal and within anomalous records, but one
   * write's anomalies come after its normal records of the same millisecond.
   */
  readonly arrivalOrder: 'exact' | 'per-file';
}

/**
 * One store, as the registry hands it out: a port per user (the worker's sink, the readers'
 * queries, the operators' feedback) over one shared connection or directory. Each app takes the
 * ports it needs; `Store` is also the DI token they are taken from.
 */
export abstract class Store {
  /** The registry name of the adapter (`json-lines`, `postgres`). */
  abstract readonly adapter: string;
  /** Where the data is, fit for logs: a directory, or the URL without its password. */
  abstract readonly location: string;
  abstract readonly capabilities: StoreCapabilities;
  abstract readonly sink: RecordSink;
  abstract readonly queries: RecordQueries;
  abstract readonly feedback: FeedbackStore;
  /** Drops old records itself (PostgreSQL's day partitions); absent: the store keeps everything (JSON Lines: delete rotated files by age). */
  abstract readonly retention?: RecordRetention;
  /** Makes the queries and the feedback answer (see `queriesNeedConnect`); calling it again connects once. */
  abstract connect(): Promise<void>;
  /** Releases what `connect` took (the sink closes on its own). */
  abstract close(): Promise<void>;
}
