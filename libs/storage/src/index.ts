// Ports, by who uses them.
export { RecordSink } from './ports/record-sink';
export type { WriteResult } from './ports/record-sink';
export { RecordQueries } from './ports/record-queries';
export { FeedbackStore } from './ports/feedback-store';
export { RecordRetention } from './ports/record-retention';
export type { RetentionResult } from './ports/record-retention';
export { Store } from './ports/store';
export type { StoreCapabilities } from './ports/store';
// The registry that picks an adapter by URL scheme.
export { createStore } from './registry/create-store';
export { STORAGE_ADAPTERS, STORAGE_URL_SCHEMES } from './registry/storage-registry';
export type { StorageAdapter, StoreOptions } from './registry/storage-registry';
// Adapters.
export { JsonLinesStore } from './json-lines/json-lines.store';
export type { JsonLinesStoreOptions } from './json-lines/json-lines-store.options';
export { readJsonLines } from './json-lines/read-json-lines';
export { listStoreFiles, SEGMENT_NAME } from './json-lines/list-store-files';
export { serializeRecord } from './json-lines/serialize-record';
export { RecentIdSet } from './json-lines/recent-id-set';
export { PostgresStore } from './postgres/postgres.store';
export type { PostgresStoreOptions } from './postgres/postgres-store.options';
export { MIGRATIONS } from './postgres/postgres-migrations';
export type { Migration } from './postgres/postgres-migrations';
// Shared query helpers and errors.
export { encodeCursor, decodeCursor } from './query/cursor';
export type { SortKey } from './query/sort-key';
export { redactUrl } from './redact-url';
export { StorageWriteError } from './errors/storage-write.error';
export { StorageNotOpenError } from './errors/storage-not-open.error';
export { StorageOpenError } from './errors/storage-open.error';
export { StorageInvalidRecordError } from './errors/storage-invalid-record.error';
export { StorageInvalidQueryError } from './errors/storage-invalid-query.error';
export { StorageQueryError } from './errors/storage-query.error';
export { StorageInvalidOptionsError } from './errors/storage-invalid-options.error';
export { STORAGE_ERROR_CODES } from './errors/error-codes';
export { ScratchSchemas } from './postgres/scratch-schemas';
