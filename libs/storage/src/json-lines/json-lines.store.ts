import { Store, StoreCapabilities } from '../ports/store';
import { JsonLinesFeedbackStore } from './json-lines.feedback-store';
import { JsonLinesRecordQueries } from './json-lines.record-queries';
import { JsonLinesRecordSink } from './json-lines.record-sink';
import { JsonLinesStoreOptions, resolveJsonLinesOptions } from './json-lines-store.options';

/**
 * A store of JSON Lines files in one directory. The sink appends (and must be opened); the
 * queries scan the files and the feedback rewrites small JSON files, both by path, so a reader
 * never opens the files a worker appends to (opening would repair a line being written).
 */
export class JsonLinesStore extends Store {
  static readonly capabilities: StoreCapabilities = { queriesNeedConnect: false, sharedAcrossHosts: false, arrivalOrder: 'per-file' };

  readonly adapter = 'json-lines';
  readonly capabilities = JsonLinesStore.capabilities;
  readonly location: string;
  readonly sink: JsonLinesRecordSink;
  readonly queries: JsonLinesRecordQueries;
  readonly feedback: JsonLinesFeedbackStore;
  /** None: rotated files are the operator's to delete by age (docs/storage.md). */
  readonly retention = undefined;

  constructor(options: JsonLinesStoreOptions) {
    super();
    const opts = resolveJsonLinesOptions(options);
    this.location = opts.dir;
    this.sink = new JsonLinesRecordSink(opts);
    this.queries = new JsonLinesRecordQueries(opts);
    this.feedback = new JsonLinesFeedbackStore(opts);
  }

  /** Nothing to connect: the queries and the feedback read by path. */
  async connect(): Promise<void> {}

  async close(): Promise<void> {}
}
